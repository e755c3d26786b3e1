<#
.SYNOPSIS
    Nightly runbook: retries every failed, retryable SDDC Manager task, waits for them, reports, and exits
    with a code a scheduler can act on.
.DESCRIPTION
    Exit codes:
      0  nothing to retry, or every retried task ended SUCCESSFUL
      1  at least one task failed again, timed out, could not be retried, or its retry outcome is unknown
      2  could not connect (name, certificate, credentials, or no credential given: VcfCredentialRequired)
    Runs unattended: no prompt (-Confirm:$false), errors caught by their FullyQualifiedErrorId, never by text.
.EXAMPLE
    # cron, Task Scheduler, a CI job: the credential comes from the environment (VCF_USERNAME and VCF_PASSWORD, or
    # VCF_API_KEY), so nothing prompts; without one it exits 2 at once (VcfCredentialRequired).
    pwsh -NonInteractive -File ./Invoke-NightlyTaskRetry.ps1 -Server sfo-vcf01.rainpole.io -CertificateThumbprint 6F2A...
.EXAMPLE
    # Azure Automation / a script of your own: take the credential from your vault.
    $cred = Get-Secret -Name sddc-manager-automation        # SecretManagement, or Get-AutomationPSCredential
    ./Invoke-NightlyTaskRetry.ps1 -Server sfo-vcf01.rainpole.io -Credential $cred -CertificateThumbprint 6F2A...
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Server,
    # Optional: without it, Connect-VcfSddcManager takes VCF_USERNAME and VCF_PASSWORD (or VCF_API_KEY) from the
    # environment, and under -NonInteractive never prompts.
    [pscredential] $Credential,
    # Pin SDDC Manager's self-signed certificate rather than skipping the check.
    [string] $CertificateThumbprint,
    # How long to wait for the retried tasks, in seconds (a domain creation can take hours).
    [int] $WaitTimeoutSec = 4 * 3600,
    # Where the module is; by default the one on $env:PSModulePath.
    [string] $ModulePath = 'VcfTasks'
)

Import-Module $ModulePath -ErrorAction Stop

$options = if ($CertificateThumbprint) { @{ CertificateThumbprint = $CertificateThumbprint } } else { @{} }
if ($Credential) { $options.Credential = $Credential }
try {
    # The session renews its token by itself (and logs in again with the credential if it must), so a wait of
    # several hours outlives the one-hour token. -Force: a session of this run's own, which it may end at the end.
    $connection = Connect-VcfSddcManager -Server $Server @options -Force -ErrorAction Stop
} catch {
    Write-Error "Cannot connect to ${Server}: $($_.Exception.Message) [$($_.FullyQualifiedErrorId -replace ',.*$')]" -ErrorAction Continue
    exit 2
}

$exitCode = 0
try {
    $failed = @(Get-VcfTask -Server $connection -Status Failed | Where-Object IsRetryable)
    Write-Output "$($failed.Count) failed, retryable task(s) on $Server."
    if ($failed.Count -eq 0) { exit 0 }

    # One bad task never stops the batch: each gets its own error, collected here and sorted by id below.
    $problems = @()
    $final = @($failed | Invoke-VcfTaskRetry -Wait -TimeoutSec $WaitTimeoutSec -Confirm:$false `
                    -ErrorAction SilentlyContinue -ErrorVariable +problems)

    $final | Sort-Object Name | Format-Table Id, Name, Status, CompletionTimestamp -AutoSize | Out-String -Width 200 | Write-Output

    foreach ($problem in $problems) {
        $id = $problem.FullyQualifiedErrorId -replace ',.*$'
        $task = $problem.TargetObject
        switch ($id) {
            'VcfTaskFailed'        { Write-Warning "Task $task failed again: $($problem.Exception.Message) Remediation: $($problem.ErrorDetails.RecommendedAction)" }
            'VcfWaitTimeout'       { Write-Warning "Task $task is still running after $WaitTimeoutSec s; look again later." }
            'VcfOutcomeUnknown'    { Write-Warning "The retry of task $task may or may not have been accepted (it was not sent twice): $($problem.Exception.Message)" }
            'VcfTaskNotRetryable'  { Write-Warning "Task $task was no longer retryable (someone else retried it?)." }
            'VcfTaskNotFound'      { Write-Warning "Task $task no longer exists." }
            'VcfCredentialsSpecRequired' { Write-Warning "Task $task is a password operation that needs passwords SDDC Manager does not give back: retry it with Invoke-VcfTaskRetry -CredentialsSpec (README, Credentials tasks)." }
            default                { Write-Warning "Task ${task}: [$id] $($problem.Exception.Message)" }
        }
        $exitCode = 1
    }
    $succeeded = @($final | Where-Object Status -eq Successful).Count
    Write-Output "Summary: $succeeded of $($failed.Count) retried task(s) succeeded; $($problems.Count) problem(s)."
} finally {
    Disconnect-VcfSddcManager -Server $connection -Confirm:$false -ErrorAction SilentlyContinue
}
exit $exitCode
