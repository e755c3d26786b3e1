#requires -Version 7.4
<#
.SYNOPSIS
    Times the VcfTasks listing against raw HttpClient + System.Text.Json and against Invoke-RestMethod, on the
    simulator with no latency and with a network-like latency per request (issue 8).
.DESCRIPTION
    Starts two simulators with -Tasks tasks (seed 7): one answering at once, one holding each request -LatencyMs.
    Connects the module (VcfTasks\Connect-VcfSddcManager) and logs a baseline client (bench/Baseline.cs, compiled
    with Add-Type) into each, then runs every case against both, interleaved in one process: each round visits the
    two latencies in alternating order and starts the case list one place further on, so load drift hits every
    case alike. Warm-up rounds are thrown away. Cases:
      - the module with the default -ThrottleLimit, with 1 (one page after another) and with 16;
      - the raw floor one page after another, and with the default's and 16 pages in flight;
      - one unpaged GET with Invoke-RestMethod (which runs ConvertFrom-Json), and an Invoke-RestMethod page loop;
      - time to first task (module), next to one round trip (a raw GET of a one-task page).
    Then it stops the latency simulator, starts one with -LargeTasks tasks and no latency, and times
    VcfTasks\Get-VcfTask | Measure-Object there, interleaved with the same listing of -Tasks tasks, and samples the
    peak memory growth of one such listing. Prints medians, ratios, the targets of issue 8 and the machine's load,
    and writes out/bench/results.json. A measurement, not a test: exits 0 whatever the figures; exits 1 only when a
    listing returns the wrong count or something fails.
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/Invoke-Benchmark.ps1 -ModulePath out/VcfTasks/VcfTasks.psd1 -SimulatorPath out/VcfTasks.Simulator/VcfTasks.Simulator.dll
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SimulatorPath,
    [ValidateRange(1, 1000000)] [int] $Tasks = 10000,
    [ValidateRange(1, 10000)] [int] $LatencyMs = 50,
    [ValidateRange(1, 100)] [int] $Runs = 5,
    [ValidateRange(0, 100)] [int] $Warmup = 1,
    [ValidateRange(0, 1000000)] [int] $LargeTasks = 100000,
    [ValidateRange(1, 100)] [int] $LargeRuns = 3,
    [string] $ResultPath = (Join-Path $PSScriptRoot '../out/bench/results.json')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$Root = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
$replayCommandLine = "dotnet pwsh -NoProfile -File bench/Invoke-Benchmark.ps1 -ModulePath $ModulePath -SimulatorPath $SimulatorPath -Tasks $Tasks -LatencyMs $LatencyMs -Runs $Runs -Warmup $Warmup -LargeTasks $LargeTasks -LargeRuns $LargeRuns"

# Another build may replace out/ at any moment: work from a private copy of the module and the simulator.
function Copy-Snapshot {
    param([string] $Source, [string] $Destination)
    for ($attempt = 1; ; $attempt++) {
        try {
            if (Test-Path $Destination) { Remove-Item -Recurse -Force $Destination }
            Copy-Item -Recurse -Force $Source $Destination
            return
        } catch {
            if ($attempt -ge 10) { throw "Cannot copy $Source (is a build running?): $_" }
            Start-Sleep -Seconds 3
        }
    }
}

function Get-Median([double[]] $Values) {
    $sorted = [double[]]($Values | Sort-Object)
    $n = $sorted.Count
    if ($n % 2) { $sorted[($n - 1) / 2] } else { ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2 }
}

# Other work on the machine (builds, tests) shows here: the 1, 5 and 15 minute load averages, when the OS has them.
function Get-LoadAverage {
    if (Test-Path /proc/loadavg) { ((Get-Content -Raw /proc/loadavg) -split ' ')[0..2] -join ' ' } else { 'n/a' }
}

function Invoke-Timed {
    param([scriptblock] $Body, $Context)
    [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
    $self = [Diagnostics.Process]::GetCurrentProcess()
    $cpu = $self.TotalProcessorTime
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $count = & $Body $Context
    $watch.Stop()
    $self.Refresh()
    [pscustomobject]@{ Ms = $watch.Elapsed.TotalMilliseconds; Count = [int]$count; CpuMs = ($self.TotalProcessorTime - $cpu).TotalMilliseconds }
}

function Invoke-Sampled {
    param([scriptblock] $Body, $Context)
    [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
    $heap0 = [GC]::GetTotalMemory($true)
    $sampler = [VcfBench.PeakSampler]::new(5)
    try {
        $count = & $Body $Context
        [pscustomobject]@{ Count = [int]$count; WorkingSetMB = ($sampler.Peak - $sampler.Start) / 1MB; HeapMB = ($sampler.PeakHeap - $heap0) / 1MB }
    } finally {
        $sampler.Dispose()
    }
}

# One simulator with the module connected to it and the baseline logged in.
function New-Context {
    param([int] $Count, [int] $Latency)
    $sim = Start-VcfSimulator -SimulatorPath $simDll -Tasks $Count -Seed 7 -LatencyMs $Latency
    if (-not ([uri]$sim.Url).IsLoopback) { throw "The simulator is not on loopback: $($sim.Url)" }
    $cred = Get-VcfSimulatorCredential -Simulator $sim
    $client = [VcfBench.BaselineClient]::new($sim.Url, $sim.Thumbprint)
    $client.Login($cred.UserName, $cred.GetNetworkCredential().Password)
    [pscustomobject]@{
        Latency = $Latency
        Tasks   = $Count
        Sim     = $sim
        Url     = $sim.Url.TrimEnd('/')
        Conn    = VcfTasks\Connect-VcfSddcManager -Server $sim.Url -Credential $cred -CertificateThumbprint $sim.Thumbprint -NotDefault
        Client  = $client
        Headers = @{ Authorization = 'Bearer ' + $client.AccessToken; Accept = 'application/json' }
    }
}

function Remove-Context {
    param($Context)
    if (-not $Context) { return }
    $Context.Client.Dispose()
    try { VcfTasks\Disconnect-VcfSddcManager -Server $Context.Conn -ErrorAction SilentlyContinue } catch { }
    $Context.Sim | Stop-VcfSimulator
    if (-not $Context.Sim.Process.HasExited) { Write-Warning "The simulator (pid $($Context.Sim.Process.Id)) is still running." }
}

$snapshot = Join-Path ([IO.Path]::GetTempPath()) ("vcfbench-" + [Guid]::NewGuid().ToString('N').Substring(0, 8))
$null = New-Item -ItemType Directory $snapshot
$contexts = [ordered]@{}
$large = $null
$exitCode = 0
try {
    Copy-Snapshot (Split-Path (Resolve-Path $ModulePath).Path) (Join-Path $snapshot 'VcfTasks')
    Copy-Snapshot (Split-Path (Resolve-Path $SimulatorPath).Path) (Join-Path $snapshot 'VcfTasks.Simulator')
    $modulePsd1 = Join-Path $snapshot (Join-Path 'VcfTasks' (Split-Path -Leaf $ModulePath))
    $simDll = Join-Path $snapshot (Join-Path 'VcfTasks.Simulator' (Split-Path -Leaf $SimulatorPath))
    Import-Module (Join-Path $Root 'tools/VcfSimulator.psm1') -Force
    $module = Import-Module $modulePsd1 -Force -PassThru
    Add-Type -Path (Join-Path $PSScriptRoot 'Baseline.cs')
    $default = [VcfTasks.Commands.GetVcfTaskCommand]::DefaultThrottleLimit
    $none = [Threading.CancellationToken]::None

    $nproc = if (Get-Command nproc -ErrorAction SilentlyContinue) { [int](& nproc) } else { [Environment]::ProcessorCount }
    $cpuName = if (Test-Path /proc/cpuinfo) { (Select-String -Path /proc/cpuinfo -Pattern '^model name\s*:\s*(.+)$' | Select-Object -First 1).Matches.Groups[1].Value } else { $env:PROCESSOR_IDENTIFIER }
    $machine = [ordered]@{
        nproc = $nproc; cpu = $cpuName; os = [Runtime.InteropServices.RuntimeInformation]::OSDescription
        runtime = [Runtime.InteropServices.RuntimeInformation]::FrameworkDescription; pwsh = $PSVersionTable.PSVersion.ToString()
        moduleVersion = $module.Version.ToString(); defaultThrottleLimit = $default
        loadAvgStart = Get-LoadAverage; loadAvgAfterRounds = $null; loadAvgEnd = $null
    }

    Write-Host "Starting two simulators ($Tasks tasks, seed 7): 0 ms and $LatencyMs ms per request..."
    foreach ($latency in 0, $LatencyMs) { $contexts["$latency"] = New-Context -Count $Tasks -Latency $latency }

    # Each case: a body given the context, its expected count, how often per round (cheap cases are noisy).
    $cases = @(
        [pscustomobject]@{ Name = 'module default'; Text = "VcfTasks\Get-VcfTask | Measure-Object (-ThrottleLimit $default, the default)"; Repeat = 1; Full = $true
            Body = { param($x) (VcfTasks\Get-VcfTask -Server $x.Conn | Measure-Object).Count } }
        [pscustomobject]@{ Name = 'module TL1'; Text = 'VcfTasks\Get-VcfTask -ThrottleLimit 1 | Measure-Object'; Repeat = 1; Full = $true
            Body = { param($x) (VcfTasks\Get-VcfTask -Server $x.Conn -ThrottleLimit 1 | Measure-Object).Count } }
        [pscustomobject]@{ Name = 'module TL16'; Text = 'VcfTasks\Get-VcfTask -ThrottleLimit 16 | Measure-Object'; Repeat = 1; Full = $true
            Body = { param($x) (VcfTasks\Get-VcfTask -Server $x.Conn -ThrottleLimit 16 | Measure-Object).Count } }
        [pscustomobject]@{ Name = 'raw sequential'; Text = 'raw HttpClient + System.Text.Json, one page after another | Measure-Object'; Repeat = 1; Full = $true
            Body = { param($x) ($x.Client.List(100, $null) | Measure-Object).Count } }
        [pscustomobject]@{ Name = 'raw default'; Text = "raw HttpClient + System.Text.Json, $default pages in flight | Measure-Object"; Repeat = 1; Full = $true
            Body = { param($x) ($x.Client.ListConcurrent(100, $null, $default) | Measure-Object).Count } }
        [pscustomobject]@{ Name = 'raw 16'; Text = 'raw HttpClient + System.Text.Json, 16 pages in flight | Measure-Object'; Repeat = 1; Full = $true
            Body = { param($x) ($x.Client.ListConcurrent(100, $null, 16) | Measure-Object).Count } }
        [pscustomobject]@{ Name = 'irm unpaged'; Text = '(Invoke-RestMethod GET /v1/tasks).elements | Measure-Object (one unpaged GET, JSON by ConvertFrom-Json)'; Repeat = 1; Full = $true
            Body = { param($x) ((Invoke-RestMethod -Uri "$($x.Url)/v1/tasks" -Headers $x.Headers -SkipCertificateCheck).elements | Measure-Object).Count } }
        [pscustomobject]@{ Name = 'irm loop'; Text = 'Invoke-RestMethod loop over pages of 100 | Measure-Object'; Repeat = 1; Full = $true
            Body = { param($x)
                $(for ($p = 0; ; $p++) {
                    $r = Invoke-RestMethod -Uri "$($x.Url)/v1/tasks?pageNumber=$p&pageSize=100" -Headers $x.Headers -SkipCertificateCheck
                    $r.elements
                    if ($p + 1 -ge $r.pageMetadata.totalPages -or @($r.elements).Count -lt 100) { break }
                }) | Measure-Object | ForEach-Object Count } }
        [pscustomobject]@{ Name = 'first task'; Text = 'VcfTasks\Get-VcfTask | Select-Object -First 1 (time to first task)'; Repeat = 3; Full = $false
            Body = { param($x) (VcfTasks\Get-VcfTask -Server $x.Conn | Select-Object -First 1 | Measure-Object).Count } }
        [pscustomobject]@{ Name = 'round trip'; Text = 'one round trip: raw GET /v1/tasks?pageSize=1'; Repeat = 3; Full = $false
            Body = { param($x) $x.Client.GetPageAsync(0, 1, $null, $none).GetAwaiter().GetResult().Elements.Count } }
    )

    $samples = @{}
    foreach ($l in $contexts.Keys) { foreach ($c in $cases) { $samples["$l|$($c.Name)"] = [Collections.Generic.List[object]]::new() } }
    $started = [Diagnostics.Stopwatch]::StartNew()
    for ($round = 1; $round -le $Warmup + $Runs; $round++) {
        $warm = $round -le $Warmup
        $latencies = @($contexts.Keys)
        if ($round % 2 -eq 0) { [array]::Reverse($latencies) }
        $line = [Text.StringBuilder]::new(('{0} {1}:' -f ($warm ? 'warm-up' : 'run    '), $round))
        foreach ($l in $latencies) {
            $x = $contexts[$l]
            for ($i = 0; $i -lt $cases.Count; $i++) {
                $c = $cases[($i + $round) % $cases.Count]
                for ($k = 0; $k -lt $c.Repeat; $k++) {
                    $r = Invoke-Timed $c.Body $x
                    $expected = $c.Full ? $Tasks : 1
                    if ($r.Count -ne $expected) { throw "'$($c.Text)' at $l ms returned $($r.Count) tasks, expected $expected." }
                    if (-not $warm) { $samples["$l|$($c.Name)"].Add($r) }
                }
                $null = $line.Append((' {0}/{1}={2:0}' -f $l, $c.Name, $r.Ms))
            }
        }
        Write-Host $line.ToString()
    }
    $roundsSeconds = $started.Elapsed.TotalSeconds
    $machine.loadAvgAfterRounds = Get-LoadAverage

    # Scale: the large listing against the same listing of -Tasks tasks, interleaved; then its peak memory growth.
    $largeRows = $null
    if ($LargeTasks -gt 0) {
        Remove-Context $contexts["$LatencyMs"]; $contexts.Remove("$LatencyMs")
        Write-Host "Starting a simulator with $LargeTasks tasks (0 ms)..."
        $large = New-Context -Count $LargeTasks -Latency 0
        $small = $contexts['0']
        $body = { param($x) (VcfTasks\Get-VcfTask -Server $x.Conn | Measure-Object).Count }
        $bigRuns = [Collections.Generic.List[object]]::new(); $smallRuns = [Collections.Generic.List[object]]::new()
        for ($round = 0; $round -le $LargeRuns; $round++) {
            $pair = if ($round % 2) { @($small, $large) } else { @($large, $small) }
            foreach ($x in $pair) {
                $r = Invoke-Timed $body $x
                if ($r.Count -ne $x.Tasks) { throw "The listing of $($x.Tasks) tasks returned $($r.Count)." }
                if ($round -gt 0) { ($x -eq $large ? $bigRuns : $smallRuns).Add($r) }   # round 0 warms the large simulator up
                Write-Host ('scale {0}: {1} tasks {2:0} ms' -f $round, $x.Tasks, $r.Ms)
            }
        }
        $mem = Invoke-Sampled $body $large
        if ($mem.Count -ne $LargeTasks) { throw "The sampled listing returned $($mem.Count) tasks." }
        $largeRows = [ordered]@{
            largeMs = Get-Median ([double[]]($bigRuns | ForEach-Object Ms)); smallMs = Get-Median ([double[]]($smallRuns | ForEach-Object Ms))
            largeCpuMs = Get-Median ([double[]]($bigRuns | ForEach-Object CpuMs))
            largeRunsMs = @($bigRuns | ForEach-Object { [math]::Round($_.Ms) }); smallRunsMs = @($smallRuns | ForEach-Object { [math]::Round($_.Ms) })
            peakWorkingSetGrowthMB = [math]::Round($mem.WorkingSetMB, 1); peakHeapGrowthMB = [math]::Round($mem.HeapMB, 1)
        }
        $largeRows.ratio = [math]::Round($largeRows.largeMs / $largeRows.smallMs, 2)
    }
    $machine.loadAvgEnd = Get-LoadAverage

    # The table: medians per latency and case.
    $rows = foreach ($l in @(0, $LatencyMs)) {
        foreach ($c in $cases) {
            $caseRuns = $samples["$l|$($c.Name)"]
            $ms = [double[]]($caseRuns | ForEach-Object Ms)
            [pscustomobject]@{
                LatencyMs = $l; Case = $c.Name; Command = $c.Text; Runs = $ms.Count
                MedianMs = [math]::Round((Get-Median $ms), 1); MinMs = [math]::Round(($ms | Measure-Object -Minimum).Minimum, 1)
                MaxMs = [math]::Round(($ms | Measure-Object -Maximum).Maximum, 1)
                CpuMs = [math]::Round((Get-Median ([double[]]($caseRuns | ForEach-Object CpuMs))), 0)
                VsDefault = $null
            }
        }
    }
    foreach ($r in $rows) {
        $d = $rows | Where-Object { $_.LatencyMs -eq $r.LatencyMs -and $_.Case -eq 'module default' }
        $r.VsDefault = [math]::Round($r.MedianMs / $d.MedianMs, 2)
    }
    function M([int] $Latency, [string] $Case) { ($rows | Where-Object { $_.LatencyMs -eq $Latency -and $_.Case -eq $Case }).MedianMs }

    # The targets of issue 8, each as a ratio of medians.
    $L = $LatencyMs
    $targets = @(
        [pscustomobject]@{ Target = "$L ms: default >= 2x faster than the unpaged Invoke-RestMethod GET"; Value = (M $L 'irm unpaged') / (M $L 'module default'); Op = '>='; Bound = 2 }
        [pscustomobject]@{ Target = "$L ms: default >= 5x faster than the Invoke-RestMethod page loop"; Value = (M $L 'irm loop') / (M $L 'module default'); Op = '>='; Bound = 5 }
        [pscustomobject]@{ Target = "$L ms: -ThrottleLimit 16 >= 3x faster than the unpaged GET"; Value = (M $L 'irm unpaged') / (M $L 'module TL16'); Op = '>='; Bound = 3 }
        [pscustomobject]@{ Target = "$L ms: default within 1.25x of the raw floor at $default in flight"; Value = (M $L 'module default') / (M $L 'raw default'); Op = '<='; Bound = 1.25 }
        [pscustomobject]@{ Target = "$L ms: -ThrottleLimit 16 within 1.25x of the raw floor at 16 in flight"; Value = (M $L 'module TL16') / (M $L 'raw 16'); Op = '<='; Bound = 1.25 }
        [pscustomobject]@{ Target = '0 ms: default no slower than one page after another (-ThrottleLimit 1, the old way)'; Value = (M 0 'module default') / (M 0 'module TL1'); Op = '<='; Bound = 1.0 }
        [pscustomobject]@{ Target = '0 ms: default within 1.25x of the raw sequential floor'; Value = (M 0 'module default') / (M 0 'raw sequential'); Op = '<='; Bound = 1.25 }
        [pscustomobject]@{ Target = "$L ms: time to first task <= 1.5 round trips"; Value = (M $L 'first task') / (M $L 'round trip'); Op = '<='; Bound = 1.5 }
    )
    if ($largeRows) {
        $targets += [pscustomobject]@{ Target = "$LargeTasks tasks: wall <= 12x the $Tasks-task listing"; Value = $largeRows.ratio; Op = '<='; Bound = 12 }
        $targets += [pscustomobject]@{ Target = "$LargeTasks tasks: peak working-set growth <= 64 MB"; Value = $largeRows.peakWorkingSetGrowthMB; Op = '<='; Bound = 64 }
    }
    foreach ($t in $targets) {
        $t.Value = [math]::Round($t.Value, 2)
        $t | Add-Member Met ($t.Op -eq '>=' ? $t.Value -ge $t.Bound : $t.Value -le $t.Bound)
    }

    Write-Host ''
    Write-Host "VcfTasks listing benchmark (issue 8): $Tasks tasks, pages of 100, $Runs runs after $Warmup warm-up round(s), interleaved, medians"
    Write-Host "command : $replayCommandLine"
    Write-Host ("machine : nproc {0}, {1}, {2}, pwsh {3}, VcfTasks {4}, default -ThrottleLimit {5}" -f $machine.nproc, $machine.cpu, $machine.runtime, $machine.pwsh, $machine.moduleVersion, $default)
    Write-Host ("load    : {0} at the start, {1} after the rounds, {2} at the end (1/5/15 min averages)" -f $machine.loadAvgStart, $machine.loadAvgAfterRounds, $machine.loadAvgEnd)
    $rows | Format-Table -AutoSize -Property @{ n = 'latency'; e = { "$($_.LatencyMs) ms" } }, @{ n = 'case'; e = { $_.Command } },
        @{ n = 'median ms'; e = { '{0:0.0}' -f $_.MedianMs }; a = 'right' }, @{ n = 'min'; e = { '{0:0}' -f $_.MinMs }; a = 'right' },
        @{ n = 'max'; e = { '{0:0}' -f $_.MaxMs }; a = 'right' }, @{ n = 'client cpu ms'; e = { '{0:0}' -f $_.CpuMs }; a = 'right' },
        @{ n = 'x default'; e = { '{0:0.00}' -f $_.VsDefault }; a = 'right' } | Out-String -Width 220 | ForEach-Object TrimEnd | Write-Host
    if ($largeRows) {
        Write-Host ('scale   : {0} tasks {1:0} ms (client cpu {2:0} ms) vs {3} tasks {4:0} ms: {5:0.00}x; peak growth during one {0}-task listing: working set {6:0.0} MB, managed heap {7:0.0} MB' -f `
                $LargeTasks, $largeRows.largeMs, $largeRows.largeCpuMs, $Tasks, $largeRows.smallMs, $largeRows.ratio, $largeRows.peakWorkingSetGrowthMB, $largeRows.peakHeapGrowthMB)
    }
    Write-Host ''
    $targets | Format-Table -AutoSize Target, @{ n = 'value'; e = { '{0:0.00}' -f $_.Value }; a = 'right' }, @{ n = 'bound'; e = { "$($_.Op) $($_.Bound)" } },
        @{ n = 'met'; e = { $_.Met ? 'MET' : 'MISSED' } } | Out-String -Width 220 | ForEach-Object TrimEnd | Write-Host
    Write-Host ('Wall time of the rounds: {0:0} s.' -f $roundsSeconds)

    $result = [ordered]@{
        schema = 'vcftasks-bench/2'; timestamp = [DateTimeOffset]::UtcNow.ToString('o'); command = $replayCommandLine
        parameters = [ordered]@{ tasks = $Tasks; latencyMs = $LatencyMs; runs = $Runs; warmup = $Warmup; largeTasks = $LargeTasks; largeRuns = $LargeRuns; pageSize = 100; seed = 7 }
        machine = $machine
        rows = @($rows | ForEach-Object { [ordered]@{ latencyMs = $_.LatencyMs; case = $_.Case; command = $_.Command; runs = $_.Runs; medianMs = $_.MedianMs; minMs = $_.MinMs; maxMs = $_.MaxMs; clientCpuMs = $_.CpuMs; ratioToDefault = $_.VsDefault } })
        scale = $largeRows
        targets = @($targets | ForEach-Object { [ordered]@{ target = $_.Target; value = $_.Value; op = $_.Op; bound = $_.Bound; met = $_.Met } })
        roundsSeconds = [math]::Round($roundsSeconds, 1)
    }
    $resultFull = [IO.Path]::GetFullPath($ResultPath)
    $null = New-Item -ItemType Directory -Force (Split-Path $resultFull)
    $result | ConvertTo-Json -Depth 8 | Set-Content -Encoding utf8 $resultFull
    Write-Host "Results: $resultFull"
} catch {
    Write-Host "Benchmark failed: $_" -ForegroundColor Red
    Write-Host $_.ScriptStackTrace
    $exitCode = 1
} finally {
    foreach ($x in @($contexts.Values) + @($large)) { if ($x) { try { Remove-Context $x } catch { Write-Warning "Cleaning up: $_" } } }
    Remove-Item -Recurse -Force $snapshot -ErrorAction SilentlyContinue
}
exit $exitCode
