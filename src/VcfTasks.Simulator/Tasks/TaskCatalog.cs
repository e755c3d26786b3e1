namespace VcfTasks.Simulator.Tasks;

/// <summary>A kind of workflow SDDC Manager runs: its type, how its name reads, what it touches and its steps.</summary>
internal sealed record TaskTemplate(
    string Type,
    string NameFormat,
    string ResourceType,
    string ErrorCode,
    bool IsCredentials,
    IReadOnlyList<(string Name, string Description)> Steps);

/// <summary>
/// Workflows modelled on real VCF task types and names. {0} in a name is replaced by the target
/// (a host FQDN, a cluster or a domain name), chosen to match <see cref="TaskTemplate.ResourceType"/>.
/// </summary>
internal static class TaskCatalog
{
    public static readonly IReadOnlyList<TaskTemplate> Templates =
    [
        new("HOST_COMMISSION", "Commissioning host(s) {0} to VMware Cloud Foundation", "HOST", "COMMISION_HOST_FAILED", false,
        [
            ("HostVibValidationAction", "Validate the hosts for any disallowed VIBS"),
            ("HostMaintenanceModeValidationAction", "Verifies that none of the hosts are in maintenance mode"),
            ("FetchDnsAndNtpAction", "Fetches DNS & NTP IPs"),
            ("ValidateHostCredentialsAction", "Validate host credentials"),
            ("HostNetworkValidationAction", "Validate host network configuration"),
            ("CommissionHostsAction", "Add hosts to the SDDC Manager inventory"),
        ]),
        new("HOST_DECOMMISSION", "Decommissioning host(s) {0} from VMware Cloud Foundation", "HOST", "DECOMMISSION_HOST_FAILED", false,
        [
            ("ValidateHostsDecommissionAction", "Validate hosts can be decommissioned"),
            ("RemoveHostsFromInventoryAction", "Remove hosts from the SDDC Manager inventory"),
            ("CleanupHostCredentialsAction", "Clean up host credentials"),
        ]),
        new("DOMAIN_CREATION", "Vi workload Domain Creation", "DOMAIN", "DOMAIN_CREATION_FAILED", false,
        [
            ("ValidateDomainSpecAction", "Validate the workload domain specification"),
            ("DeployVcenterAction", "Deploy vCenter Server"),
            ("ConfigureSsoAction", "Join vCenter Server to the SSO domain"),
            ("CreateClusterAction", "Create the default cluster"),
            ("ConfigureVsanAction", "Configure vSAN on the cluster"),
            ("DeployNsxManagersAction", "Deploy NSX Managers"),
            ("ConfigureNsxTransportNodesAction", "Prepare hosts as NSX transport nodes"),
            ("RegisterDomainAction", "Register the workload domain in SDDC Manager"),
        ]),
        new("DOMAIN_DELETION", "Deleting domain {0}", "DOMAIN", "DOMAIN_DELETION_FAILED", false,
        [
            ("ValidateDomainDeletionAction", "Validate the domain can be deleted"),
            ("RemoveNsxManagersAction", "Remove NSX Managers"),
            ("RemoveVcenterAction", "Remove vCenter Server"),
        ]),
        new("CLUSTER_CREATION", "Adding cluster {0} to domain", "CLUSTER", "CLUSTER_CREATION_FAILED", false,
        [
            ("ValidateClusterSpecAction", "Validate the cluster specification"),
            ("CreateVsphereClusterAction", "Create the vSphere cluster"),
            ("AddHostsToClusterAction", "Add hosts to the cluster"),
            ("ConfigureVsanAction", "Configure vSAN on the cluster"),
            ("ConfigureNsxTransportNodesAction", "Prepare hosts as NSX transport nodes"),
        ]),
        new("CLUSTER_EXPANSION", "Adding host(s) to cluster {0}", "CLUSTER", "CLUSTER_EXPANSION_FAILED", false,
        [
            ("ValidateClusterExpansionAction", "Validate the cluster expansion specification"),
            ("AddHostsToClusterAction", "Add hosts to the cluster"),
            ("ConfigureNsxTransportNodesAction", "Prepare hosts as NSX transport nodes"),
        ]),
        new("UPGRADE", "Upgrade of SDDC Manager", "SDDC_MANAGER", "UPGRADE_FAILED", false,
        [
            ("UpgradePrecheckAction", "Run upgrade prechecks"),
            ("SddcManagerBackupAction", "Back up SDDC Manager before the upgrade"),
            ("StageBundleAction", "Stage the upgrade bundle"),
            ("ApplyUpgradeAction", "Apply the upgrade"),
            ("PostUpgradeValidationAction", "Validate services after the upgrade"),
        ]),
        new("UPGRADE", "Upgrade of vCenter Server {0}", "VCENTER", "UPGRADE_FAILED", false,
        [
            ("UpgradePrecheckAction", "Run upgrade prechecks"),
            ("VcenterUpgradeStage1Action", "Deploy the new vCenter Server appliance"),
            ("VcenterUpgradeStage2Action", "Migrate data to the new appliance"),
        ]),
        new("CERTIFICATE_REPLACE", "Replacing certificates of {0}", "VCENTER", "CERTIFICATE_REPLACE_FAILED", false,
        [
            ("ValidateCertificateAction", "Validate the certificate chain"),
            ("ReplaceCertificateAction", "Install the new certificate"),
            ("RestartServicesAction", "Restart services"),
        ]),
        new("BACKUP", "SDDC Manager Backup", "SDDC_MANAGER", "BACKUP_FAILED", false,
        [
            ("CreateBackupAction", "Create the backup archive"),
            ("TransferBackupAction", "Transfer the backup to the SFTP server"),
        ]),
        new("NSXT_EDGE_CLUSTER_CREATION", "Adding edge cluster {0}", "CLUSTER", "EDGE_CLUSTER_CREATION_FAILED", false,
        [
            ("ValidateEdgeClusterSpecAction", "Validate the edge cluster specification"),
            ("DeployEdgeNodesAction", "Deploy NSX Edge nodes"),
            ("CreateEdgeClusterAction", "Create the NSX Edge cluster"),
            ("ConfigureTier0GatewayAction", "Configure the Tier-0 gateway"),
        ]),
        new("CREDENTIALS_ROTATE", "Credentials rotate operation", "HOST", "PASSWORD_ROTATE_FAILED", true,
        [
            ("{0}:SSH", "Password rotate for {0} and credential type SSH"),
            ("{0}:API", "Password rotate for {0} and credential type API"),
        ]),
        new("CREDENTIALS_UPDATE", "Credentials update operation", "HOST", "PASSWORD_UPDATE_FAILED", true,
        [
            ("{0}:SSH", "Password update for {0} and credential type SSH"),
        ]),
        new("CREDENTIALS_REMEDIATE", "Credentials remediate operation", "VCENTER", "PASSWORD_REMEDIATE_FAILED", true,
        [
            ("{0}:SSO", "Password remediate for {0} and credential type SSO"),
        ]),
    ];

    /// <summary>Stage names a step may go through; a step has the first 0 to 3 of them.</summary>
    public static readonly IReadOnlyList<(string Name, string Type, string Description)> Stages =
    [
        ("Validate", "VALIDATION", "Validate inputs"),
        ("Execute", "EXECUTION", "Run the operation"),
        ("Verify", "VERIFICATION", "Verify the result"),
    ];
}
