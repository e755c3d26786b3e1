#requires -Version 7.4
<#
.SYNOPSIS
    The fleet scenario of issue 14: 20 SDDC Managers at 100 ms a request, served by one simulator process
    (--servers 20), and what a user does across them: connect, list everything, re-read 200 piped tasks, retry 100
    piped tasks, wait on 100 tasks on two servers (counting requests), and a watch.
.DESCRIPTION
    Every timed case runs with the module's defaults, with -ThrottleLimit 1, and (where a user would write it) as
    ForEach-Object -Parallel around the module, interleaved over -Runs rounds after one warm-up round; the figures
    are medians. Ratios are to the listing of all 20 servers' tasks (re-read, retry) or to connecting one server
    (connect). The wait and the watch are counted in requests, from the simulators' request logs. A measurement,
    not a test: exits 1 only when a count is wrong or something fails.
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/Measure-Fleet.ps1 -ModulePath out/VcfTasks/VcfTasks.psd1 -SimulatorPath out/VcfTasks.Simulator/VcfTasks.Simulator.dll
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SimulatorPath,
    [ValidateRange(2, 64)] [int] $Servers = 20,
    [ValidateRange(10, 10000)] [int] $Tasks = 300,
    [ValidateRange(0, 10000)] [int] $LatencyMs = 100,
    [ValidateRange(1, 20)] [int] $Runs = 3,
    [ValidateRange(5, 60)] [int] $WatchIntervalSec = 5,
    [string] $ResultPath = (Join-Path $PSScriptRoot '../out/bench/fleet.json')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$ModulePath = (Resolve-Path $ModulePath).Path
Import-Module $ModulePath -Force
Import-Module (Join-Path $PSScriptRoot '../tools/VcfSimulator.psm1') -Force

function Get-Median([double[]] $Values) {
    $s = [double[]]($Values | Sort-Object); $n = $s.Count
    if ($n % 2) { $s[($n - 1) / 2] } else { ($s[$n / 2 - 1] + $s[$n / 2]) / 2 }
}
function Get-LoadAverage { if (Test-Path /proc/loadavg) { ((Get-Content -Raw /proc/loadavg) -split ' ')[0..2] -join ' ' } else { 'n/a' } }
function Measure-Ms([scriptblock] $Script) {
    [GC]::Collect(); [GC]::WaitForPendingFinalizers()
    $clock = [Diagnostics.Stopwatch]::StartNew(); $result = & $Script; $clock.Stop()
    [pscustomobject]@{ Ms = $clock.Elapsed.TotalMilliseconds; Result = $result }
}
function Get-Requests($Sim) { @(Invoke-VcfSimulatorControl $Sim GET /_sim/requests) }

$password = 'Bench-Fleet-1!'
$cred = [pscredential]::new('administrator@vsphere.local', (ConvertTo-SecureString $password -AsPlainText -Force))
$load = [ordered]@{ start = Get-LoadAverage }
# Retries fail again at once (100 %, 1 ms steps), so the same failed tasks can be retried every round.
$fleet = @(Start-VcfSimulator -SimulatorPath $SimulatorPath -Servers $Servers -Tasks $Tasks -Seed 21 -LatencyMs $LatencyMs -StepMs 1 `
        -RetryFailurePercent 100 -ExtraArgument '--password', $password)
# The wait: two servers whose retries run a few seconds and succeed.
$pair = @(Start-VcfSimulator -SimulatorPath $SimulatorPath -Servers 2 -Tasks 600 -Seed 41 -LatencyMs $LatencyMs -StepMs 400 `
        -RetryFailurePercent 0 -ExtraArgument '--password', $password)
try {
    $urls = @($fleet.Url)
    $times = [ordered]@{}
    function Add-Time([string] $Case, [double] $Ms) { if (-not $times.Contains($Case)) { $times[$Case] = [Collections.Generic.List[double]]::new() }; $times[$Case].Add($Ms) }

    # Connect: one server, the 20 (the module), and ForEach-Object -Parallel around Connect-VcfSddcManager.
    $connectCases = [ordered]@{
        'connect 1'                  = { @(VcfTasks\Connect-VcfSddcManager -Server $urls[0] -Credential $cred -SkipCertificateCheck -NotDefault) }
        'connect 20'                 = { @(VcfTasks\Connect-VcfSddcManager -Server $urls -Credential $cred -SkipCertificateCheck -NotDefault) }
        'connect 20, FE -Parallel'   = { @($urls | ForEach-Object -ThrottleLimit 8 -Parallel {
                    Import-Module $using:ModulePath; VcfTasks\Connect-VcfSddcManager -Server $_ -Credential $using:cred -SkipCertificateCheck -NotDefault }) }
    }
    foreach ($round in 0..$Runs) {
        foreach ($case in $connectCases.Keys) {
            $m = Measure-Ms $connectCases[$case]
            $expected = if ($case -eq 'connect 1') { 1 } else { $Servers }
            if (@($m.Result).Count -ne $expected) { throw "$case made $(@($m.Result).Count) connections, expected $expected." }
            if ($round -gt 0) { Add-Time $case $m.Ms }
            $m.Result | ForEach-Object { $_ | VcfTasks\Disconnect-VcfSddcManager -Confirm:$false }
        }
    }

    $all = @(VcfTasks\Connect-VcfSddcManager -Server $urls -Credential $cred -SkipCertificateCheck -NotDefault)
    $everything = @(VcfTasks\Get-VcfTask -Server $all)
    $total = $everything.Count
    $random = [Random]::new(5)
    $reread = @($everything | Sort-Object { $random.Next() } | Select-Object -First 200)
    $failed = @($everything | Where-Object { $_.Status -eq 'Failed' -and $_.IsRetryable -and -not $_.IsCredentialsTask })
    $retry = @($failed | Sort-Object { $random.Next() } | Select-Object -First 100)
    if ($retry.Count -lt 100) { throw "Only $($retry.Count) retryable tasks in the fleet." }

    $cases = [ordered]@{
        'list all'                       = { @(VcfTasks\Get-VcfTask -Server $all).Count }
        'list all -ThrottleLimit 1'      = { @(VcfTasks\Get-VcfTask -Server $all -ThrottleLimit 1).Count }
        're-read 200'                    = { @($reread | VcfTasks\Get-VcfTask).Count }
        're-read 200 -ThrottleLimit 1'   = { @($reread | VcfTasks\Get-VcfTask -ThrottleLimit 1).Count }
        're-read 200, FE -Parallel'      = { @($reread | ForEach-Object -ThrottleLimit 8 -Parallel { Import-Module $using:ModulePath; $_ | VcfTasks\Get-VcfTask }).Count }
        'retry 100'                      = { $null = $retry | VcfTasks\Invoke-VcfTaskRetry -Confirm:$false; 100 }
        'retry 100 -ThrottleLimit 1'     = { $null = $retry | VcfTasks\Invoke-VcfTaskRetry -Confirm:$false -ThrottleLimit 1; 100 }
        'retry 100, FE -Parallel'        = { $retry | ForEach-Object -ThrottleLimit 8 -Parallel { Import-Module $using:ModulePath; $_ | VcfTasks\Invoke-VcfTaskRetry -Confirm:$false }; 100 }
    }
    $expect = @{ 'list all' = $total; 're-read' = 200; 'retry' = 100 }
    $keys = @($cases.Keys)
    foreach ($round in 0..$Runs) {
        for ($k = 0; $k -lt $keys.Count; $k++) {
            $case = $keys[($k + $round) % $keys.Count]
            if ($case -like 'retry*') {
                # Every one of the 100 is FAILED again (retries fail at once) before it is retried again.
                $deadline = [DateTime]::UtcNow.AddSeconds(30)
                while (@($retry | VcfTasks\Get-VcfTask | Where-Object { $_.Status -ne 'Failed' }).Count -gt 0) {
                    if ([DateTime]::UtcNow -gt $deadline) { throw 'The retried tasks did not fail again within 30 s.' }
                    Start-Sleep -Milliseconds 200
                }
                $marks = foreach ($s in $fleet) { @(Get-Requests $s).Count }
            }
            $m = Measure-Ms $cases[$case]
            $want = $expect[($expect.Keys | Where-Object { $case -like "$_*" } | Select-Object -First 1)]
            if ($m.Result -ne $want) { throw "$case gave $($m.Result), expected $want." }
            if ($case -like 'retry*') {
                $patches = 0
                for ($i = 0; $i -lt $fleet.Count; $i++) { $patches += @(Get-Requests $fleet[$i] | Select-Object -Skip $marks[$i] | Where-Object method -eq 'PATCH').Count }
                if ($patches -ne 100) { throw "$case sent $patches PATCH requests, expected exactly 100." }
            }
            if ($round -gt 0) { Add-Time $case $m.Ms }
        }
    }
    $load.afterTimed = Get-LoadAverage

    # The wait: 50 failed tasks on each of two servers, retried with -Wait; the wait's requests from the logs.
    $pairConnections = @(VcfTasks\Connect-VcfSddcManager -Server $pair.Url -Credential $cred -SkipCertificateCheck -NotDefault)
    $toWait = @(foreach ($c in $pairConnections) { VcfTasks\Get-VcfTask -Server $c -Status Failed | Where-Object { $_.IsRetryable -and -not $_.IsCredentialsTask } | Select-Object -First 50 })
    if ($toWait.Count -ne 100) { throw "Only $($toWait.Count) tasks to wait on." }
    $before = foreach ($s in $pair) { @(Get-Requests $s).Count }
    $waitClock = [Diagnostics.Stopwatch]::StartNew()
    $waited = @($toWait | VcfTasks\Invoke-VcfTaskRetry -Confirm:$false -Wait -ErrorAction SilentlyContinue)
    $waitClock.Stop()
    if ($waited.Count -ne 100) { throw "The wait gave $($waited.Count) tasks, expected 100." }
    $waitLog = @(for ($i = 0; $i -lt 2; $i++) { Get-Requests $pair[$i] | Select-Object -Skip $before[$i] })
    $waitRequests = @($waitLog | Where-Object method -eq 'GET').Count
    $waitListings = @($waitLog | Where-Object { $_.method -eq 'GET' -and $_.path -eq '/v1/tasks' }).Count

    # The watch: every server, idle, for three intervals; and one change made elsewhere, timed from the DELETE to
    # the change coming out of the watch.
    $before = foreach ($s in $fleet) { @(Get-Requests $s).Count }
    $watchSeconds = 3 * $WatchIntervalSec
    $target = $everything | Where-Object { $_.Status -eq 'In Progress' -and $_.IsCancellable -and $_.Server -eq $all[7].Server } | Select-Object -First 1
    $job = Start-ThreadJob -ArgumentList $ModulePath, $all, $WatchIntervalSec, $watchSeconds -ScriptBlock {
        param($Module, $All, $Interval, $Seconds)
        Import-Module $Module
        VcfTasks\Watch-VcfTask -Server $All -IntervalSec $Interval -TimeoutSec $Seconds | ForEach-Object { [pscustomobject]@{ Change = $_; At = [DateTime]::UtcNow } }
    }
    Start-Sleep -Seconds ($WatchIntervalSec + 1)
    $token = (Invoke-RestMethod -Method Post -Uri "$($fleet[7].Url)/v1/tokens" -SkipCertificateCheck -ContentType 'application/json' `
            -Body (@{ username = 'administrator@vsphere.local'; password = $password } | ConvertTo-Json)).accessToken
    $deletedAt = [DateTime]::UtcNow
    $null = Invoke-RestMethod -Method Delete -Uri "$($fleet[7].Url)/v1/tasks/$($target.Id)" -SkipCertificateCheck -Headers @{ Authorization = "Bearer $token" }
    $seen = @($job | Wait-Job | Receive-Job)
    $job | Remove-Job
    $hit = $seen | Where-Object { $_.Change.Id -eq $target.Id } | Select-Object -First 1
    if (-not $hit) { throw 'The watch did not tell of the task cancelled elsewhere.' }
    $watchRequests = 0
    for ($i = 0; $i -lt $fleet.Count; $i++) { $watchRequests += @(Get-Requests $fleet[$i] | Select-Object -Skip $before[$i] | Where-Object method -eq 'GET').Count }
    $load.end = Get-LoadAverage

    $median = [ordered]@{}
    foreach ($case in $times.Keys) { $median[$case] = Get-Median $times[$case] }
    $list = $median['list all']
    $one = $median['connect 1']
    $rows = foreach ($case in $median.Keys) {
        $base = if ($case -like 'connect*') { $one } else { $list }
        [pscustomobject]@{ Case = $case; MedianMs = [math]::Round($median[$case]); Ratio = [math]::Round($median[$case] / $base, 2); Of = if ($case -like 'connect*') { 'connect 1' } else { 'list all' } }
    }
    "$Servers servers x $Tasks tasks ($total in all), $LatencyMs ms a request, medians of $Runs runs; load $($load.start) -> $($load.afterTimed) -> $($load.end)"
    $rows | Format-Table -AutoSize | Out-String -Width 200
    $perInterval = $watchRequests / ($Servers * ($watchSeconds / $WatchIntervalSec))
    "wait: 100 tasks on 2 servers, {0} requests ({1} listing pages), {2:N2} per task, {3:N1} s" -f $waitRequests, $waitListings, ($waitRequests / 100), $waitClock.Elapsed.TotalSeconds
    "watch: {0} servers for {1} s at -IntervalSec {2}: {3} requests, {4:N2} a server per interval; a change made elsewhere came out {5:N1} s after it" -f `
        $Servers, $watchSeconds, $WatchIntervalSec, $watchRequests, $perInterval, ($hit.At - $deletedAt).TotalSeconds
    $targets = [ordered]@{
        're-read 200 <= 4x list all'       = $median['re-read 200'] / $list -le 4
        'retry 100 <= 4x list all'         = $median['retry 100'] / $list -le 4
        'connect 20 <= 4x connect 1'       = $median['connect 20'] / $one -le 4
        'wait <= 0.5 requests a task'      = $waitRequests / 100 -le 0.5
        'watch <= 2 requests a server per interval' = $perInterval -le 2
        'watch change seen within one interval' = ($hit.At - $deletedAt).TotalSeconds -le $WatchIntervalSec
    }
    $targets.GetEnumerator() | ForEach-Object { '{0,-45} {1}' -f $_.Key, $(if ($_.Value) { 'MET' } else { 'MISSED' }) }
    $null = New-Item -ItemType Directory -Force (Split-Path $ResultPath)
    [ordered]@{ servers = $Servers; tasks = $Tasks; latencyMs = $LatencyMs; runs = $Runs; load = $load; medians = $median; cases = $times
        wait = @{ requests = $waitRequests; listingPages = $waitListings; seconds = $waitClock.Elapsed.TotalSeconds }
        watch = @{ requests = $watchRequests; seconds = $watchSeconds; intervalSec = $WatchIntervalSec; changeSeenAfterSec = ($hit.At - $deletedAt).TotalSeconds }
        targets = $targets } | ConvertTo-Json -Depth 5 | Set-Content $ResultPath
}
finally {
    $fleet | Select-Object -First 1 | Stop-VcfSimulator
    $pair | Select-Object -First 1 | Stop-VcfSimulator
}
