#requires -Version 7.4
<#
.SYNOPSIS
    Times Get-VcfTask -Server a,b (the servers listed side by side) against listing the same two servers one after
    the other, on two simulators with a latency per request.
.DESCRIPTION
    Starts two simulators (tools/VcfSimulator.psm1) with -Tasks tasks each and -LatencyMs per request, connects to
    both, warms up once, then times -Runs rounds of each case, interleaved and alternating the order every round so
    that load drift hits both alike. Prints the medians and their ratio. A measurement, not a test: exits 1 only
    when a listing returns the wrong count or something fails.
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/Measure-SeveralServers.ps1 -ModulePath out/VcfTasks/VcfTasks.psd1 -SimulatorPath out/VcfTasks.Simulator/VcfTasks.Simulator.dll
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SimulatorPath,
    [ValidateRange(1, 100000)] [int] $Tasks = 2000,
    [ValidateRange(0, 10000)] [int] $LatencyMs = 100,
    [ValidateRange(1, 100)] [int] $Runs = 5
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module (Resolve-Path $ModulePath).Path -Force
Import-Module (Join-Path $PSScriptRoot '../tools/VcfSimulator.psm1') -Force

$sims = @(
    Start-VcfSimulator -SimulatorPath $SimulatorPath -Tasks $Tasks -Seed 7 -LatencyMs $LatencyMs
    Start-VcfSimulator -SimulatorPath $SimulatorPath -Tasks $Tasks -Seed 3 -LatencyMs $LatencyMs
)
try {
    $a, $b = foreach ($s in $sims) {
        VcfTasks\Connect-VcfSddcManager -Server $s.Url -Credential (Get-VcfSimulatorCredential $s) -CertificateThumbprint $s.Thumbprint -NotDefault
    }
    $expected = @(VcfTasks\Get-VcfTask -Server $a).Count + @(VcfTasks\Get-VcfTask -Server $b).Count
    $together = [System.Collections.Generic.List[double]]::new()
    $apart = [System.Collections.Generic.List[double]]::new()
    $cases = @{
        together = { @(VcfTasks\Get-VcfTask -Server $a, $b).Count }
        apart    = { @(VcfTasks\Get-VcfTask -Server $a).Count + @(VcfTasks\Get-VcfTask -Server $b).Count }
    }
    foreach ($round in 0..$Runs) {   # round 0 warms up
        $order = if ($round % 2) { 'together', 'apart' } else { 'apart', 'together' }
        foreach ($case in $order) {
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            $count = & $cases[$case]
            $clock.Stop()
            if ($count -ne $expected) { throw "$case listed $count tasks, expected $expected." }
            if ($round -gt 0) { (Get-Variable $case -ValueOnly).Add($clock.Elapsed.TotalMilliseconds) }
        }
    }
    $median = { param($x) $s = @($x | Sort-Object); if ($s.Count % 2) { $s[[int][math]::Floor($s.Count / 2)] } else { ($s[$s.Count / 2 - 1] + $s[$s.Count / 2]) / 2 } }
    $t = & $median $together
    $p = & $median $apart
    "{0} tasks on each of 2 servers, {1} ms latency per request, {2} runs" -f $Tasks, $LatencyMs, $Runs
    "median: -Server a,b {0:N0} ms; one server after the other {1:N0} ms; {2:N2}x" -f $t, $p, ($p / $t)
} finally {
    $sims | Stop-VcfSimulator
}
