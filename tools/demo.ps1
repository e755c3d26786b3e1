<#
.SYNOPSIS
    The newcomer's demo: starts the simulator, connects, shows the failed tasks, retries them, shows the
    result, and stops the simulator, leaving no process behind.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SimulatorPath
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force
Import-Module (Join-Path $PSScriptRoot 'VcfSimulator.psm1') -Force

function Show([string] $Title, $Objects) {
    Write-Host ''
    Write-Host "== $Title" -ForegroundColor Cyan
    # The default views at the console's own width, as a newcomer's console shows them (120 when there is none).
    $width = try { $Host.UI.RawUI.BufferSize.Width } catch { 0 }
    if ($width -lt 80) { $width = 120 }
    $text = $Objects | Format-Table | Out-String -Width $width
    Write-Host $text.TrimEnd()
}

Write-Host 'Starting the SDDC Manager simulator on 127.0.0.1 (40 tasks, seed 7)...'
$sim = Start-VcfSimulator -SimulatorPath $SimulatorPath -Tasks 40 -Seed 7 -StepMs 250 -RetryFailurePercent 25
try {
    Write-Host "PS> Connect-VcfSddcManager -Server $($sim.Url) -Credential `$cred -CertificateThumbprint $($sim.Thumbprint.Substring(0, 16))..."
    $connection = Connect-VcfSddcManager -Server $sim.Url -Credential (Get-VcfSimulatorCredential $sim) -CertificateThumbprint $sim.Thumbprint
    Show 'Connected' $connection

    Show 'PS> Get-VcfTask -Status Failed' (Get-VcfTask -Status Failed)

    Write-Host ''
    Write-Host '== PS> Get-VcfTask -Status Failed | Where-Object IsRetryable | Invoke-VcfTaskRetry -Wait' -ForegroundColor Cyan
    Write-Host '   (each task is shown as it finishes; one that fails again also writes a VcfTaskFailed error)'
    $retried = @(Get-VcfTask -Status Failed | Where-Object IsRetryable | Invoke-VcfTaskRetry -Wait -TimeoutSec 120 -ErrorVariable failedAgain -ErrorAction SilentlyContinue)
    Show "Retried $($retried.Count) task(s); their final states" $retried
    foreach ($e in $failedAgain) { Write-Host "$($e.FullyQualifiedErrorId -replace ',.*$'): $($e.Exception.Message)" -ForegroundColor Yellow }

    # Credentials tasks (issue 15): the pipeline above retried the failed ones through PATCH /v1/credentials/tasks/{id};
    # a password UPDATE needs the new passwords (-CredentialsSpec), so it got VcfCredentialsSpecRequired instead.
    Show 'PS> Get-VcfCredentialTask   (password operations, from the credentials API)' (Get-VcfCredentialTask | Select-Object -First 8)

    Disconnect-VcfSddcManager -Confirm:$false
    Write-Host ''
    Write-Host 'Disconnected.'
} finally {
    Stop-VcfSimulator $sim
    Write-Host 'Simulator stopped.'
}
