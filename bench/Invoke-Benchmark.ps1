#requires -Version 7.4
<#
.SYNOPSIS
    Times the VcfTasks listing path against raw HttpClient + System.Text.Json on the simulator.
.DESCRIPTION
    Starts the SDDC Manager simulator (tools/VcfSimulator.psm1) on 127.0.0.1 with -Tasks tasks, connects the module
    once and logs a baseline client in once, then runs each case A (module) and B (baseline, bench/Baseline.cs
    compiled with Add-Type) interleaved in the same process, alternating the order every round (A B, B A, ...) so
    that load drift hits both alike. Warm-up rounds are run and thrown away. Prints medians, min/max, tasks/s and the
    module/baseline ratio of the medians, and writes the same to out/bench/results.json.
    A measurement, not a test: exits 0 whatever the ratio; exits 1 only when a listing returns the wrong count or
    something fails.
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/Invoke-Benchmark.ps1 -ModulePath out/VcfTasks/VcfTasks.psd1 -SimulatorPath out/VcfTasks.Simulator/VcfTasks.Simulator.dll
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SimulatorPath,
    [ValidateRange(1, 1000000)] [int] $Tasks = 10000,
    [ValidateRange(1, 1000)] [int] $Runs = 7,
    [ValidateRange(0, 1000)] [int] $Warmup = 2,
    # The headline ratio the issue holds the module to.
    [double] $Target = 1.5,
    [string] $ResultPath = (Join-Path $PSScriptRoot '../out/bench/results.json')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$Root = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path

# The exact invocation, as the process got it and in a form that can be pasted back.
$processCommandLine = ([Environment]::GetCommandLineArgs() | ForEach-Object { if ($_ -match '\s') { "'$_'" } else { $_ } }) -join ' '
$replayCommandLine = "dotnet pwsh -NoProfile -File bench/Invoke-Benchmark.ps1 -ModulePath $ModulePath -SimulatorPath $SimulatorPath -Tasks $Tasks -Runs $Runs -Warmup $Warmup"

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

function Invoke-Timed {
    param([scriptblock] $Body)
    [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
    $allocated = [GC]::GetTotalAllocatedBytes($true)
    $gen0 = [GC]::CollectionCount(0)
    $self = [Diagnostics.Process]::GetCurrentProcess()
    $server = $sim.Process
    $server.Refresh()
    $serverCpu = $server.TotalProcessorTime
    $clientCpu = $self.TotalProcessorTime
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $count = & $Body
    $watch.Stop()
    $self.Refresh(); $server.Refresh()
    [pscustomobject]@{
        Ms          = $watch.Elapsed.TotalMilliseconds
        Count       = [int]$count
        AllocatedMB = ([GC]::GetTotalAllocatedBytes($true) - $allocated) / 1MB
        Gen0        = [GC]::CollectionCount(0) - $gen0
        ClientCpuMs = ($self.TotalProcessorTime - $clientCpu).TotalMilliseconds
        ServerCpuMs = ($server.TotalProcessorTime - $serverCpu).TotalMilliseconds
    }
}

# Other work on the machine (builds, tests) shows here: the 1, 5 and 15 minute load averages, when the OS has them.
function Get-LoadAverage {
    if (Test-Path /proc/loadavg) { ((Get-Content -Raw /proc/loadavg) -split ' ')[0..2] -join ' ' } else { 'n/a' }
}

function Invoke-Sampled {
    param([scriptblock] $Body)
    [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
    $heap0 = [GC]::GetTotalMemory($false)
    $sampler = [VcfBench.PeakSampler]::new(5)
    try {
        $count = & $Body
        [pscustomobject]@{
            Count                = [int]$count
            PeakWorkingSetGrowMB = ($sampler.Peak - $sampler.Start) / 1MB
            PeakHeapGrowMB       = ($sampler.PeakHeap - $heap0) / 1MB
        }
    } finally {
        $sampler.Dispose()
    }
}

$snapshot = Join-Path ([IO.Path]::GetTempPath()) ("vcfbench-" + [Guid]::NewGuid().ToString('N').Substring(0, 8))
$null = New-Item -ItemType Directory $snapshot
$sim = $null
$client = $null
$conn = $null
$exitCode = 0
try {
    $moduleDir = Split-Path (Resolve-Path $ModulePath).Path
    $simDir = Split-Path (Resolve-Path $SimulatorPath).Path
    Copy-Snapshot $moduleDir (Join-Path $snapshot 'VcfTasks')
    Copy-Snapshot $simDir (Join-Path $snapshot 'VcfTasks.Simulator')
    $modulePsd1 = Join-Path $snapshot (Join-Path 'VcfTasks' (Split-Path -Leaf $ModulePath))
    $simDll = Join-Path $snapshot (Join-Path 'VcfTasks.Simulator' (Split-Path -Leaf $SimulatorPath))

    Import-Module (Join-Path $Root 'tools/VcfSimulator.psm1') -Force
    $module = Import-Module $modulePsd1 -Force -PassThru
    Add-Type -Path (Join-Path $PSScriptRoot 'Baseline.cs')

    $dotnetVersion = (& dotnet --version 2>$null | Select-Object -First 1)
    $nproc = if (Get-Command nproc -ErrorAction SilentlyContinue) { [int](& nproc) } else { [Environment]::ProcessorCount }
    $cpu = if (Test-Path /proc/cpuinfo) { (Select-String -Path /proc/cpuinfo -Pattern '^model name\s*:\s*(.+)$' | Select-Object -First 1).Matches.Groups[1].Value } else { $env:PROCESSOR_IDENTIFIER }
    $machine = [ordered]@{
        nproc          = $nproc
        processorCount = [Environment]::ProcessorCount
        cpu            = $cpu
        os             = [Runtime.InteropServices.RuntimeInformation]::OSDescription
        dotnetSdk      = $dotnetVersion
        runtime        = [Runtime.InteropServices.RuntimeInformation]::FrameworkDescription
        pwsh           = $PSVersionTable.PSVersion.ToString()
        serverGC       = [Runtime.GCSettings]::IsServerGC
        moduleVersion  = $module.Version.ToString()
        jsonAssembly   = [Text.Json.JsonSerializer].Assembly.GetName().Version.ToString()
        loadAvgStart   = Get-LoadAverage
        loadAvgEnd     = $null
    }

    Write-Host "Starting the simulator ($Tasks tasks, seed 7)..."
    $sim = Start-VcfSimulator -SimulatorPath $simDll -Tasks $Tasks -Seed 7
    if (-not ([uri]$sim.Url).IsLoopback) { throw "The simulator is not on loopback: $($sim.Url)" }
    $cred = Get-VcfSimulatorCredential -Simulator $sim

    # A: the module, connected once.
    $conn = Connect-VcfSddcManager -Server $sim.Url -Credential $cred -CertificateThumbprint $sim.Thumbprint
    # B: the baseline, logged in once, pinning the same certificate.
    $client = [VcfBench.BaselineClient]::new($sim.Url, $sim.Thumbprint)
    $client.Login($cred.UserName, $cred.GetNetworkCredential().Password)

    $none = [Threading.CancellationToken]::None
    $cases = @(
        [pscustomobject]@{
            Name     = 'list'
            Repeat   = 1
            Title    = 'all tasks | Measure-Object'
            Expect   = $Tasks
            Headline = $true
            Module   = { (Get-VcfTask | Measure-Object).Count }
            ModuleText = 'Get-VcfTask | Measure-Object'
            Baseline = { ($client.List(100, $null) | Measure-Object).Count }
            BaselineText = '$client.List(100, $null) | Measure-Object'
        }
        [pscustomobject]@{
            Name     = 'failed'
            Repeat   = 1
            Title    = '-Status Failed | Measure-Object'
            Expect   = -1   # whatever the server filters; both sides must agree
            Headline = $false
            Module   = { (Get-VcfTask -PageSize 100 -Status Failed | Measure-Object).Count }
            ModuleText = 'Get-VcfTask -PageSize 100 -Status Failed | Measure-Object'
            Baseline = { ($client.List(100, 'FAILED') | Measure-Object).Count }
            BaselineText = "`$client.List(100, 'FAILED') | Measure-Object"
        }
        [pscustomobject]@{
            Name     = 'first'
            Title    = 'time to first task'
            Expect   = 1
            Repeat   = 5   # cheap and noisy: more samples
            Headline = $false
            Module   = { (Get-VcfTask | Select-Object -First 1 | Measure-Object).Count }
            ModuleText = 'Get-VcfTask | Select-Object -First 1'
            Baseline = { ($client.List(100, $null) | Select-Object -First 1 | Measure-Object).Count }
            BaselineText = '$client.List(100, $null) | Select-Object -First 1'
        }
        [pscustomobject]@{
            Name     = 'core'
            Repeat   = 1
            Title    = 'core only, no pipeline (diagnostic)'
            Expect   = $Tasks
            Headline = $false
            Module   = {
                $pager = $conn.Tasks.List([VcfTasks.TaskQuery]::new())
                $n = 0
                while (-not $pager.Finished) { $n += $pager.NextPageAsync($none).GetAwaiter().GetResult().Count }
                $n
            }
            ModuleText = '$conn.Tasks.List([VcfTasks.TaskQuery]::new()).NextPageAsync() until Finished (C# objects, no pipeline)'
            Baseline = { $client.CountAll(100, $null) }
            BaselineText = '$client.CountAll(100, $null) (C# loop, no pipeline)'
        }
    )

    $samples = @{}
    foreach ($c in $cases) { $samples[$c.Name] = @{ Module = [Collections.Generic.List[object]]::new(); Baseline = [Collections.Generic.List[object]]::new() } }
    $failedCount = $null

    $rounds = $Warmup + $Runs
    $started = [Diagnostics.Stopwatch]::StartNew()
    for ($round = 1; $round -le $rounds; $round++) {
        $warm = $round -le $Warmup
        # A B in odd rounds, B A in even ones: neither side always runs first after the other.
        $order = if ($round % 2) { 'Module', 'Baseline' } else { 'Baseline', 'Module' }
        $line = [Text.StringBuilder]::new()
        $shown = [Collections.Generic.HashSet[string]]::new()
        $null = $line.Append(('{0} {1,2}/{2}:' -f ($warm ? 'warm-up' : 'run    '), ($warm ? $round : $round - $Warmup), ($warm ? $Warmup : $Runs)))
        foreach ($c in $cases) {
            foreach ($side in @(for ($k = 0; $k -lt $c.Repeat; $k++) { if ($k % 2) { $order[1]; $order[0] } else { $order } })) {
                $r = Invoke-Timed $c.$side
                if ($c.Expect -ge 0 -and $r.Count -ne $c.Expect) {
                    throw "$side '$($c.Title)' returned $($r.Count) tasks, expected $($c.Expect)."
                }
                if ($c.Name -eq 'failed') {
                    if ($r.Count -le 0) { throw "$side '$($c.Title)' returned no task." }
                    if ($null -eq $failedCount) { $failedCount = $r.Count }
                    elseif ($r.Count -ne $failedCount) { throw "$side '$($c.Title)' returned $($r.Count) tasks, the other side $failedCount." }
                }
                if (-not $warm) { $samples[$c.Name][$side].Add($r) }
                $tag = '{0}{1}' -f $c.Name, ($side -eq 'Module' ? 'A' : 'B')
                if (-not $shown.Contains($tag)) { $null = $shown.Add($tag); $null = $line.Append((' {0}={1:0}ms' -f $tag, $r.Ms)) }
            }
        }
        Write-Host $line.ToString()
    }
    $elapsed = $started.Elapsed
    $machine.loadAvgEnd = Get-LoadAverage

    # D: peak memory growth of one full listing per side (separate, sampled runs: the sampler is not in the timings).
    $memory = [ordered]@{}
    foreach ($side in 'Module', 'Baseline') {
        $memory[$side] = Invoke-Sampled $cases[0].$side
        if ($memory[$side].Count -ne $Tasks) { throw "$side memory run returned $($memory[$side].Count) tasks." }
    }

    # The table.
    $rows = foreach ($c in $cases) {
        $medianBySide = @{}
        foreach ($side in 'Module', 'Baseline') {
            $sideRuns = $samples[$c.Name][$side]
            $ms = [double[]]($sideRuns | ForEach-Object Ms)
            $median = Get-Median $ms
            $medianBySide[$side] = $median
            $count = $sideRuns[0].Count
            [pscustomobject]@{
                Case        = $c.Name
                Title       = $c.Title
                Side        = $side
                Command     = $c.("${side}Text")
                Runs        = $ms.Count
                Tasks       = $count
                MedianMs    = [math]::Round($median, 1)
                MinMs       = [math]::Round(($ms | Measure-Object -Minimum).Minimum, 1)
                MaxMs       = [math]::Round(($ms | Measure-Object -Maximum).Maximum, 1)
                TasksPerSec = if ($count -gt 1) { [math]::Round($count / ($median / 1000)) } else { $null }
                AllocMBRun  = [math]::Round((Get-Median ([double[]]($sideRuns | ForEach-Object AllocatedMB))), 1)
                Gen0Run     = [math]::Round((Get-Median ([double[]]($sideRuns | ForEach-Object Gen0))), 0)
                ClientCpuMs = [math]::Round((Get-Median ([double[]]($sideRuns | ForEach-Object ClientCpuMs))), 0)
                ServerCpuMs = [math]::Round((Get-Median ([double[]]($sideRuns | ForEach-Object ServerCpuMs))), 0)
                RunsMs      = [double[]]($ms | ForEach-Object { [math]::Round($_, 1) })
                Ratio       = $null
                CpuRatio    = $null
            }
        }
    }
    foreach ($c in $cases) {
        $m = $rows | Where-Object { $_.Case -eq $c.Name -and $_.Side -eq 'Module' }
        $b = $rows | Where-Object { $_.Case -eq $c.Name -and $_.Side -eq 'Baseline' }
        $m.Ratio = [math]::Round((Get-Median $m.RunsMs) / (Get-Median $b.RunsMs), 2)
        if ($b.ClientCpuMs -gt 0) { $m.CpuRatio = [math]::Round($m.ClientCpuMs / $b.ClientCpuMs, 2) }
    }
    $headline = $rows | Where-Object { $_.Case -eq 'list' -and $_.Side -eq 'Module' }
    $headlineBaseline = $rows | Where-Object { $_.Case -eq 'list' -and $_.Side -eq 'Baseline' }
    $within = $headline.Ratio -le $Target

    $table = $rows | Format-Table -AutoSize -Property `
        @{ n = 'case'; e = { $_.Title } },
        @{ n = 'side'; e = { $_.Side -eq 'Module' ? 'A module' : 'B baseline' } },
        @{ n = 'tasks'; e = { $_.Tasks }; a = 'right' },
        @{ n = 'median ms'; e = { '{0:0.0}' -f $_.MedianMs }; a = 'right' },
        @{ n = 'min ms'; e = { '{0:0.0}' -f $_.MinMs }; a = 'right' },
        @{ n = 'max ms'; e = { '{0:0.0}' -f $_.MaxMs }; a = 'right' },
        @{ n = 'tasks/s'; e = { if ($null -ne $_.TasksPerSec) { '{0:N0}' -f $_.TasksPerSec } else { '-' } }; a = 'right' },
        @{ n = 'alloc MB/run'; e = { '{0:0.0}' -f $_.AllocMBRun }; a = 'right' },
        @{ n = 'cpu ms client'; e = { '{0:0}' -f $_.ClientCpuMs }; a = 'right' },
        @{ n = 'cpu ms sim'; e = { '{0:0}' -f $_.ServerCpuMs }; a = 'right' },
        @{ n = 'A/B'; e = { if ($null -ne $_.Ratio) { '{0:0.00}x' -f $_.Ratio } else { '' } }; a = 'right' },
        @{ n = 'A/B cpu'; e = { if ($null -ne $_.CpuRatio) { '{0:0.00}x' -f $_.CpuRatio } else { '' } }; a = 'right' } |
        Out-String -Width 200

    Write-Host ''
    Write-Host "VcfTasks listing benchmark: $Tasks tasks, pages of 100, $Runs runs after $Warmup warm-up rounds, A/B interleaved (ABBA order)"
    Write-Host "command : $replayCommandLine"
    Write-Host "process : $processCommandLine"
    Write-Host ("machine : nproc {0}, {1}, dotnet --version {2}, {3}, pwsh {4}, VcfTasks {5}" -f $machine.nproc, $machine.cpu, $machine.dotnetSdk, $machine.runtime, $machine.pwsh, $machine.moduleVersion)
    Write-Host ("os      : {0}; server GC {1}; System.Text.Json {2}; simulator {3} on the same machine" -f $machine.os, $machine.serverGC, $machine.jsonAssembly, $sim.Url)
    Write-Host ("load    : {0} at the start, {1} after the timed rounds (1/5/15 min; other work on the machine skews both sides alike)" -f $machine.loadAvgStart, $machine.loadAvgEnd)
    Write-Host $table.TrimEnd()
    Write-Host ''
    foreach ($side in 'Module', 'Baseline') {
        Write-Host ('peak growth during one full listing, {0,-8}: working set {1,6:0.0} MB, managed heap {2,6:0.0} MB' -f $side, $memory[$side].PeakWorkingSetGrowMB, $memory[$side].PeakHeapGrowMB)
    }
    Write-Host ('Headline: Get-VcfTask | Measure-Object, median {0:0.0} ms vs baseline {1:0.0} ms: ratio {2:0.00}x -> {3} the {4}x target.' -f `
            $headline.MedianMs, ($rows | Where-Object { $_.Case -eq 'list' -and $_.Side -eq 'Baseline' }).MedianMs, $headline.Ratio,
        ($within ? 'WITHIN' : 'NOT within'), $Target)
    Write-Host ('Client CPU of that listing (this process, median): {0:0} ms vs {1:0} ms, ratio {2:0.00}x; the simulator used {3:0} ms CPU per listing on the same {4} core(s).' -f `
            $headline.ClientCpuMs, $headlineBaseline.ClientCpuMs, $headline.CpuRatio, $headline.ServerCpuMs, $machine.nproc)
    Write-Host ('Wall time of the timed rounds: {0:0.0} s.' -f $elapsed.TotalSeconds)

    $result = [ordered]@{
        schema        = 'vcftasks-bench/1'
        timestamp     = [DateTimeOffset]::UtcNow.ToString('o')
        command       = $replayCommandLine
        processCommandLine = $processCommandLine
        parameters    = [ordered]@{ tasks = $Tasks; runs = $Runs; warmup = $Warmup; pageSize = 100; seed = 7; target = $Target; order = 'ABBA' }
        machine       = $machine
        headline      = [ordered]@{
            moduleMedianMs   = $headline.MedianMs
            baselineMedianMs = ($rows | Where-Object { $_.Case -eq 'list' -and $_.Side -eq 'Baseline' }).MedianMs
            ratio            = $headline.Ratio
            clientCpuRatio   = $headline.CpuRatio
            target           = $Target
            withinTarget     = $within
        }
        rows          = @($rows | ForEach-Object {
                [ordered]@{
                    case = $_.Case; title = $_.Title; side = $_.Side; command = $_.Command; runs = $_.Runs; tasks = $_.Tasks
                    medianMs = $_.MedianMs; minMs = $_.MinMs; maxMs = $_.MaxMs; tasksPerSecond = $_.TasksPerSec
                    allocatedMBPerRun = $_.AllocMBRun; gen0PerRun = $_.Gen0Run; clientCpuMs = $_.ClientCpuMs; simulatorCpuMs = $_.ServerCpuMs; clientCpuRatioToBaseline = $_.CpuRatio; ratioToBaseline = $_.Ratio; runsMs = $_.RunsMs
                }
            })
        memory        = $memory
        timedSeconds  = [math]::Round($elapsed.TotalSeconds, 1)
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
    if ($client) { $client.Dispose() }
    if ($conn) { try { Disconnect-VcfSddcManager -Server $conn -ErrorAction SilentlyContinue } catch { } }
    if ($sim) {
        $sim | Stop-VcfSimulator
        if (-not $sim.Process.HasExited) { Write-Warning "The simulator (pid $($sim.Process.Id)) is still running." }
    }
    Remove-Item -Recurse -Force $snapshot -ErrorAction SilentlyContinue
}
exit $exitCode
