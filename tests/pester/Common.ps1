# Dot-sourced by every test file: loads the built module and gives helpers for fixture connections.
Import-Module $env:VCFTASKS_MODULE -Force

$script:SeedFailedId = '389c2fb6-3cea-47d7-b830-e701f4cf9aed'
$script:SeedCredentialsId = '5e709a5e-029f-4f1f-b53d-a79f3f452f74'
$script:SeedGetId = '63eb8b2c-c3b9-4aed-919a-26ac1315d359'
$script:ListQuery = 'GET /v1/tasks?pageNumber=0&pageSize=100'

function script:Connect-Fixture {
    param([Parameter(Mandatory)] [string] $Name, [string] $Server = 'sfo-vcf01.rainpole.io', [switch] $NotDefault)
    $path = if ([IO.Path]::IsPathRooted($Name)) { $Name } else { Join-Path $env:VCFTASKS_FIXTURES $Name }
    Connect-VcfSddcManager -Server $Server -FixturePath $path -NotDefault:$NotDefault
}

# A recorded flow (retry-flow, cancel-flow) in which each task is also read by id, as listed, right before its PATCH
# or DELETE: what Invoke-VcfTaskRetry -Id and Stop-VcfTask -Id read first, and check, before they send anything.
# The recordings piped listed tasks, so they hold the task by id only as it was after the change.
function script:New-ReadFirstFixture {
    param([Parameter(Mandatory)] [string] $Name)
    $flow = Get-Content -Raw (Join-Path $env:VCFTASKS_FIXTURES $Name) | ConvertFrom-Json -Depth 64
    $listed = @{}
    foreach ($e in $flow.exchanges | Where-Object { $_.request.method -eq 'GET' -and $_.request.path -eq '/v1/tasks' }) {
        foreach ($t in $e.response.body.elements) { $listed[$t.id] = $t }
    }
    $exchanges = foreach ($e in $flow.exchanges) {
        $id = $e.request.path -replace '^/v1/tasks/', ''
        if ($e.request.method -in 'PATCH', 'DELETE' -and $listed.ContainsKey($id)) {
            [pscustomobject]@{ request = @{ method = 'GET'; path = $e.request.path }; response = @{ status = 200; headers = @{ 'Content-Type' = 'application/json' }; body = $listed[$id] } }
        }
        $e
    }
    $path = Join-Path ([IO.Path]::GetTempPath()) "vcftasks-read-first-$([guid]::NewGuid().ToString('n')).fixture.json"
    @{ description = "$Name, each task read by id before its change"; exchanges = @($exchanges) } | ConvertTo-Json -Depth 64 | Set-Content $path
    $path
}

function script:Get-ErrorId {
    param($ErrorRecord)
    @($ErrorRecord | ForEach-Object { $_.FullyQualifiedErrorId -replace ',.*$', '' })
}

# A fixture of $Count generated tasks served in pages of $PageSize, written to $Path.
function script:New-PagedFixture {
    param([string] $Path, [int] $Count, [int] $PageSize = 100, [switch] $NoMetadata)
    $tasks = foreach ($i in 0..($Count - 1)) {
        [ordered]@{
            id                = '{0:x8}-0000-4000-8000-{1:x12}' -f $i, $i
            name              = "Generated task $i"
            type              = 'HOST_COMMISSION'
            status            = @('Successful', 'FAILED', 'In Progress', 'SUCCESSFUL')[$i % 4]
            creationTimestamp = '2026-11-01T00:00:00.000Z'
        }
    }
    $pages = [math]::Max(1, [math]::Ceiling($Count / $PageSize))
    $exchanges = foreach ($p in 0..$pages) {
        $slice = @($tasks | Select-Object -Skip ($p * $PageSize) -First $PageSize)
        $body = [ordered]@{ elements = $slice }
        if (-not $NoMetadata) { $body.pageMetadata = @{ pageNumber = $p; pageSize = $PageSize; totalElements = $Count; totalPages = $pages } }
        @{ request = @{ method = 'GET'; path = '/v1/tasks'; query = @{ pageNumber = "$p"; pageSize = "$PageSize" } }
           response = @{ status = 200; headers = @{ 'Content-Type' = 'application/json' }; body = $body } }
    }
    @{ description = "$Count generated tasks"; exchanges = @($exchanges) } | ConvertTo-Json -Depth 10 | Set-Content $Path
    $tasks
}

# Simulator helpers, for files that start one with tools/VcfSimulator.psm1. -S is the simulator; by default the
# caller's $sim.
#
# The simulator numbers each request as it arrives but logs it only when it is done with it, which can be a moment
# after the client has its answer: a log read right after a command could miss that command's last request (it
# did, in Profiles.Tests, on a loaded machine). So Clear-SimLog ends with a marker (Get-SimMarker, below), and
# Get-SimLog sends another and waits, up to 2 s, until every request number between the two is in the log (a
# request still held by the server, e.g. by a hang fault, is not waited for longer); markers are left out of what
# it gives. Without a Clear-SimLog first (or after a clear by hand), it gives the log as it is.
$script:SimLogFloor = @{}
function script:Read-SimLog { param($S = $sim) @(Invoke-VcfSimulatorControl $S GET /_sim/requests) }
function script:Test-SimMarker { param($Entry) "$($Entry.path)".StartsWith('/test-marker/') }
function script:Get-SimLog {
    param($S = $sim)
    $floor = $script:SimLogFloor[$S.Url]
    if ($null -eq $floor) { return @(Read-SimLog -S $S | Where-Object { -not (Test-SimMarker $_) }) }
    $until = Get-SimMarker -S $S
    $deadline = [DateTime]::UtcNow.AddSeconds(2)
    while ($true) {
        $log = Read-SimLog -S $S
        $whole = @($log | Where-Object { $_.seq -gt $floor -and $_.seq -lt $until }).Count -ge ($until - $floor - 1)
        if ($whole -or [DateTime]::UtcNow -gt $deadline) { break }
        Start-Sleep -Milliseconds 20
    }
    @($log | Where-Object { $_.seq -lt $until -and -not (Test-SimMarker $_) })
}
function script:Clear-SimLog {
    param($S = $sim)
    $null = Invoke-VcfSimulatorControl $S DELETE /_sim/requests
    $script:SimLogFloor[$S.Url] = Get-SimMarker -S $S
}
function script:Add-SimFault { param([hashtable] $Fault, $S = $sim) $null = Invoke-VcfSimulatorControl $S POST /_sim/faults $Fault }
function script:Clear-SimFault { param($S = $sim) $null = Invoke-VcfSimulatorControl $S DELETE /_sim/faults }
function script:Format-SimLog { param($Log) @($Log | ForEach-Object { "$($_.method) $($_.path) $($_.status)" }) }

# The request log once it holds an entry that matches $Until (an entry is written when the server is done with
# the request, which for a request the client gave up on may be a moment after the client returned). Gives the
# log as it is after 15 s otherwise, for the test's own assertion to report.
function script:Wait-SimLog {
    param([scriptblock] $Until, $S = $sim, [double] $Seconds = 15)
    $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
    while ($true) {
        $log = Get-SimLog -S $S
        if (@($log | Where-Object $Until).Count -gt 0 -or [DateTime]::UtcNow -gt $deadline) { return $log }
        Start-Sleep -Milliseconds 50
    }
}

# "Nothing was sent", proved by request numbers rather than by an empty log: the simulator numbers each request
# as it arrives but logs it only when it is done with it, which can be a moment after the client has its answer,
# so an empty log right after a command does not show that the command sent nothing. A marker is a request for a
# path no route has; Get-SimMarker sends one, waits for its entry and gives its number. A request that reaches the
# server between two markers has a number between theirs, whenever its entry is written: with nothing sent, the
# second marker's number is the first's plus one.
function script:Get-SimMarker {
    param($S = $sim)
    $path = "/test-marker/$([guid]::NewGuid().ToString('n'))"
    $null = Invoke-WebRequest -Uri ($S.Url + $path) -SkipCertificateCheck -SkipHttpErrorCheck
    $deadline = [DateTime]::UtcNow.AddSeconds(15)
    while ($true) {
        $entry = @(Read-SimLog -S $S | Where-Object path -eq $path)
        if ($entry.Count -eq 1) { return [long]$entry[0].seq }
        if ([DateTime]::UtcNow -gt $deadline) { throw "The simulator's request log has no entry for the marker $path." }
        Start-Sleep -Milliseconds 20
    }
}

# The entries of the requests that reached the simulator after the marker $Since (from Get-SimMarker), once every
# one of them is logged: a second marker closes the range, and each number between the two belongs to a request
# that arrived in between, so the range is whole when it holds that many entries. (Entries cleared in between never
# come: then the log as it is after $Seconds, for the test's own assertion to report.)
function script:Get-SimLogSince {
    param([Parameter(Mandatory)] [long] $Since, $S = $sim, [double] $Seconds = 15)
    $until = Get-SimMarker -S $S
    $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
    while ($true) {
        $log = @(Read-SimLog -S $S | Where-Object { $_.seq -gt $Since -and $_.seq -lt $until })
        if ($log.Count -ge ($until - $Since - 1) -or [DateTime]::UtcNow -gt $deadline) { return @($log | Where-Object { -not (Test-SimMarker $_) }) }
        Start-Sleep -Milliseconds 50
    }
}

# A new connection to the simulator with its own credential and pinned certificate; -NotDefault unless -AsDefault.
# Always a new one (-Force): the tests that call this twice mean two connections, which they may end separately;
# without -Force, Connect-VcfSddcManager hands back the open connection of the same user (Connect-VcfSddcManager.Tests).
function script:Connect-Sim {
    param($S = $sim, [int] $TimeoutSec = 100, [switch] $AsDefault)
    Connect-VcfSddcManager -Server $S.Url -Credential (Get-VcfSimulatorCredential $S) -CertificateThumbprint $S.Thumbprint -TimeoutSec $TimeoutSec -NotDefault:(-not $AsDefault) -Force
}
