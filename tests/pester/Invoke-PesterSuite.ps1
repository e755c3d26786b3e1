<#
.SYNOPSIS
    Runs every *.Tests.ps1 under tests/pester against the built module, in this (fresh) pwsh process.
    Writes {Passed, Failed, Skipped, Failures} to -ResultPath for build.ps1 to add to the total.
#>
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $ResultPath,
    [string[]] $Path = @($PSScriptRoot)
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterPath -Force
$env:VCFTASKS_MODULE = (Resolve-Path $ModulePath).Path
$env:VCFTASKS_FIXTURES = (Resolve-Path (Join-Path $PSScriptRoot '../fixtures')).Path
$env:VCFTASKS_REPO = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

$config = New-PesterConfiguration
$config.Run.Path = $Path
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$config.Should.ErrorAction = 'Continue'
$result = Invoke-Pester -Configuration $config
if ($null -eq $result) {
    # Pester ran nothing it could report (a path it could not resolve, say): that is a failure, not a pass.
    [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0; Failures = @("Invoke-Pester returned no result for $($Path -join ', ')") } |
        ConvertTo-Json | Set-Content $ResultPath
    return
}
[pscustomobject]@{
    Passed  = $result.PassedCount
    Failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    Skipped = $result.SkippedCount
    # Names and first message line, for build.ps1 to repeat at the end of the log.
    Failures = @(
        $result.Failed | ForEach-Object { "$($_.ExpandedPath): $(("$($_.ErrorRecord | Select-Object -First 1)" -split '\r?\n')[0])" }
        $result.FailedBlocks | ForEach-Object { "$($_.ExpandedPath): block failed" }
        $result.FailedContainers | ForEach-Object { "$($_.Item): file failed" }
    )
} | ConvertTo-Json | Set-Content $ResultPath
