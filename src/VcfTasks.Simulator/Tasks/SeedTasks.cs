using VcfTasks.Simulator.Model;

namespace VcfTasks.Simulator.Tasks;

/// <summary>
/// The three tasks of the product page (seed/tasks-api.txt), field for field, so clients can be
/// checked against the documented responses. Deviations: isRetryable is added (true for the
/// two failed ones, as the retry page implies) and isCancellable is kept as the page shows it.
/// </summary>
internal static class SeedTasks
{
    private const string SeedTime = "2019-06-20T12:03:18.890Z";

    // The page's JSON has an escaped backslash, so the text really contains the six characters \u0026.
    private const string DnsDescription = "Fetches DNS \\u0026 NTP IPs";

    public static IReadOnlyList<SimTask> Create() =>
    [
        new SimTask
        {
            Id = "389c2fb6-3cea-47d7-b830-e701f4cf9aed",
            Name = "Commissioning host(s) sfo01-w01-esx05.rainpole.io to VMware Cloud Foundation",
            Status = "Failed",
            CreationTimestamp = SeedTime,
            SubTasks = CommissionSubTasks(),
            Errors =
            [
                new ApiError
                {
                    ErrorCode = "COMMISION_HOST_FAILED",
                    ErrorType = "ERROR",
                    Message = "Failed to Commissioning host(s) sfo01-w01-esx05.rainpole.io to VMware Cloud Foundation",
                },
            ],
            Resources = [new SimResource { ResourceId = "f0f2f355-c91a-4d29-ba55-1c5e73608baa", Type = "HOST" }],
            ResolutionStatus = "UNRESOLVED",
            IsCancellable = false,
            IsRetryable = true,
        },
        new SimTask
        {
            Id = "5e709a5e-029f-4f1f-b53d-a79f3f452f74",
            Name = "Credentials rotate operation",
            Status = "Successful",
            CreationTimestamp = SeedTime,
            SubTasks =
            [
                new SimSubTask
                {
                    Name = "sfo-vcf01.rainpole.io:FTP",
                    Description = "Password rotate for sfo-vcf01.rainpole.io and credential type FTP",
                    Status = Statuses.Successful,
                    CreationTimestamp = SeedTime,
                },
            ],
            Errors = [],
            Resources = [new SimResource { ResourceId = "a87cea04-50f1-4f0a-a890-a7fc591d082f", Type = "HOST" }],
            ResolutionStatus = "UNRESOLVED",
            IsCancellable = false,
            IsRetryable = false,
        },
        new SimTask
        {
            Id = "63eb8b2c-c3b9-4aed-919a-26ac1315d359",
            Name = "Vi workload Domain Creation",
            Status = Statuses.Failed,
            CreationTimestamp = "1970-01-20T06:19:07.495Z",
            SubTasks = CommissionSubTasks(),
            Errors = [],
            Resources = [new SimResource { ResourceId = "ada40180-15e1-4e7b-9110-8c90bad6e382", Type = "HOST" }],
            ResolutionStatus = "UNRESOLVED",
            IsCancellable = false,
            IsRetryable = true,
        },
    ];

    private static List<SimSubTask> CommissionSubTasks() =>
    [
        Sub("HostVibValidationAction", "Validate the hosts for any disallowed VIBS", Statuses.Successful),
        Sub("HostMaintenanceModeValidationAction", "Verifies that none of the hosts are in maintenance mode", Statuses.Failed),
        Sub("FetchDnsAndNtpAction", DnsDescription, Statuses.Pending),
    ];

    private static SimSubTask Sub(string name, string description, string status) =>
        new() { Name = name, Description = description, Status = status, CreationTimestamp = SeedTime };
}
