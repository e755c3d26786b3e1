<#
.SYNOPSIS
    Remakes the flow fixtures in tests/fixtures by recording real exchanges with the simulator
    (build.ps1 -Task Record). The seed's two responses and the error bodies are not recorded here.
.DESCRIPTION
    Each flow runs the module against a fresh simulator with Connect-VcfSddcManager -RecordPath, so the
    fixtures are what the module really sent and received, with the Authorization header, tokens and
    passwords removed by the recorder.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SimulatorPath,
    [string] $FixturePath = (Join-Path $PSScriptRoot '../tests/fixtures')
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force
Import-Module (Join-Path $PSScriptRoot 'VcfSimulator.psm1') -Force

function Invoke-Recording {
    param([string] $Name, [string] $Description, [hashtable] $Simulator, [scriptblock] $Flow)
    $sim = Start-VcfSimulator -SimulatorPath $SimulatorPath @Simulator
    $file = Join-Path $FixturePath $Name
    try {
        if (Test-Path $file) { Remove-Item $file }
        $conn = Connect-VcfSddcManager -Server $sim.Url -Credential (Get-VcfSimulatorCredential $sim) -SkipCertificateCheck -RecordPath $file
        & $Flow $conn
        Disconnect-VcfSddcManager -Server $conn -Confirm:$false
    } finally {
        Stop-VcfSimulator $sim
    }
    $fixture = Get-Content -Raw $file | ConvertFrom-Json -AsHashtable
    $fixture.description = "$Description Recorded against the simulator by build.ps1 -Task Record."
    $fixture | ConvertTo-Json -Depth 100 | Set-Content $file
    # The simulator makes a random password per start: prove the recording kept none of it.
    $text = Get-Content -Raw $file
    foreach ($secret in $sim.Password, $sim.ApiKey, $sim.ControlKey) {
        if ($text.Contains($secret)) { throw "$Name holds a secret; the recorder failed to remove it." }
    }
    if ($text -match 'eyJ[A-Za-z0-9_-]+\.') { throw "$Name holds a token; the recorder failed to remove it." }
    Write-Host "Recorded $Name"
}

# Retry: the seed's failed tasks, retried, read right after, then read until they finish (all succeed).
Invoke-Recording retry-flow.fixture.json 'Retry of the failed seed tasks: list, PATCH (200, empty body) and GET each, then GET until they finish.' @{ Tasks = 3; Seed = 1; StepMs = 150; RetryFailurePercent = 0 } {
    param($conn)
    $failed = @(Get-VcfTask -Server $conn | Where-Object Status -eq Failed)
    $null = $failed | Invoke-VcfTaskRetry -PassThru -Confirm:$false
    do {
        Start-Sleep -Milliseconds 200
        $now = @($failed | Get-VcfTask)
    } while ($now | Where-Object { -not $_.IsComplete })
}

# Cancel: the in-progress task of a small generated set, cancelled, then read again.
Invoke-Recording cancel-flow.fixture.json 'Cancel of a running task: list in-progress tasks, DELETE (200, empty body), GET it cancelled.' @{ Tasks = 10; Seed = 1; ExtraArgument = @('--no-seed-tasks') } {
    param($conn)
    $null = Get-VcfTask -Server $conn -Status 'In Progress' | Stop-VcfTask -Force -PassThru
}
