# The promises of the project's reliability design (design/RELIABILITY.md), each shown against the simulator with its faults:
# token renewal, retries of safe requests only, Retry-After, the retry budget, unknown outcomes of PATCH and
# DELETE, time limits, Ctrl+C during a Retry-After sleep, odd bodies, and redirects.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $env:VCFTASKS_REPO 'tools/VcfSimulator.psm1') -Force

    # Most tests: 1,000 tasks, hour-long tokens, slow subtasks (a retried task stays IN_PROGRESS for a while).
    $sim = Start-VcfSimulator -Tasks 1000 -Seed 7 -StepMs 5000 -RetryFailurePercent 0
    $cred = Get-VcfSimulatorCredential $sim
    # The slow listing: 5-second tokens and 700 ms of latency on every /v1 request (less than the second the
    # client renews ahead of a 5-second token's expiry, so no request should meet an expired token).
    $slow = Start-VcfSimulator -Tasks 1000 -Seed 9 -StepMs 100 -TokenLifetimeSeconds 5 -LatencyMs 700

    # Seconds between two entries of the request log (arrival times, millisecond precision).
    function Get-Gap { param($First, $Second) ([datetime]$Second.time - [datetime]$First.time).TotalSeconds }

    $c = Connect-Sim
    $allIds = @(Invoke-VcfSimulatorControl $sim GET /_sim/tasks)
    $tasks = @(Get-VcfTask -Server $c)
    # Each test that changes a task takes its own, so no test sees another's change.
    $failedPool = [System.Collections.Generic.Queue[string]]::new([string[]]@(
        $tasks | Where-Object { $_.Status -eq 'Failed' -and $_.IsRetryable -and -not $_.IsCredentialsTask }).Id)
    $runningPool = [System.Collections.Generic.Queue[string]]::new([string[]]@(
        $tasks | Where-Object { $_.Status -eq 'In Progress' -and $_.IsCancellable }).Id)
    $plainId = ($tasks | Where-Object Status -eq 'Successful' | Select-Object -First 1).Id
}
AfterAll {
    if ($sim) { Stop-VcfSimulator $sim }
    if ($slow) { Stop-VcfSimulator $slow }
}
Describe 'Tokens renew by themselves' {
    AfterEach { Clear-SimFault }

    It 'a slow paged listing under 5-second tokens returns every id once, in order, with about one refresh per expiry and no 401 loop' {
        $conn = Connect-Sim -S $slow
        $expected = @(Invoke-VcfSimulatorControl $slow GET /_sim/tasks)
        Clear-SimLog -S $slow
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        # One page after another, so that the listing outlives a token (side by side it would be over too soon).
        $ids = @(Get-VcfTask -Server $conn -PageSize 100 -ThrottleLimit 1).Id
        $elapsed = $watch.Elapsed.TotalSeconds
        $log = Get-SimLog -S $slow

        $ids.Count | Should -Be 1000
        ($ids | Select-Object -Unique).Count | Should -Be 1000
        $ids | Should -Be $expected
        $elapsed | Should -BeGreaterThan 6   # the listing really outlived a token

        $refreshes = @($log | Where-Object { $_.method -eq 'PATCH' -and $_.path -eq '/v1/tokens/access-token/refresh' })
        $refreshes.Count | Should -BeGreaterOrEqual 1
        $refreshes.Count | Should -BeLessOrEqual ([math]::Floor($elapsed / 5) + 2)
        $refreshes.status | Sort-Object -Unique | Should -Be 200
        $conn.SessionRenewals | Should -Be $refreshes.Count
        @($log | Where-Object { $_.method -eq 'POST' -and $_.path -eq '/v1/tokens' }).Count | Should -Be 0

        # Each page answered 200 exactly once; a 401 (a token that expired in flight) is followed by one renewal, never a loop.
        $pages = @($log | Where-Object { $_.path -eq '/v1/tasks' -and $_.status -eq 200 })
        $pages.query | Should -Be @(0..9 | ForEach-Object { "?pageNumber=$_&pageSize=100" })
        $unauthorized = @($log | Where-Object status -eq 401)
        $unauthorized.Count | Should -BeLessOrEqual $refreshes.Count
        @($unauthorized | Group-Object query | Where-Object Count -gt 1) | Should -BeNullOrEmpty
    }

    It 'tokens expiring between page 3 and page 4 of a listing: one renewal, page 4 sent again, no task lost or duplicated' {
        $conn = Connect-Sim
        Add-SimFault @{ method = 'GET'; path = '/v1/tasks'; count = 3; kind = 'delay'; delayMs = 0 }
        Add-SimFault @{ method = 'GET'; path = '/v1/tasks'; count = 1; kind = 'expireTokens' }
        Clear-SimLog
        # One page after another, so that "the fourth request" is page 3.
        $ids = @(Get-VcfTask -Server $conn -ThrottleLimit 1).Id
        $ids | Should -Be $allIds
        $log = Get-SimLog
        @($log | Select-Object -Skip 3 -First 3 | ForEach-Object { "$($_.method) $($_.path)$($_.query) $($_.status)" }) | Should -Be @(
            'GET /v1/tasks?pageNumber=3&pageSize=100 401', 'PATCH /v1/tokens/access-token/refresh 200', 'GET /v1/tasks?pageNumber=3&pageSize=100 200')
        @($log | Where-Object status -eq 200 | Where-Object path -eq '/v1/tasks').Count | Should -Be 10
        $log.Count | Should -Be 12
    }

    It 'tokens expiring while 8 pages are in flight: one renewal, each page answered once, no task lost or duplicated' {
        $conn = Connect-Sim
        Add-SimFault @{ method = 'GET'; path = '/v1/tasks'; count = 3; kind = 'delay'; delayMs = 0 }
        Add-SimFault @{ method = 'GET'; path = '/v1/tasks'; count = 1; kind = 'expireTokens' }
        $before = Get-SimMarker
        $ids = @(Get-VcfTask -Server $conn -ThrottleLimit 8).Id
        $ids | Should -Be $allIds
        # Every request of the listing, once each is logged (the last page's entry may come after the listing ends).
        $log = Get-SimLogSince $before
        @($log | Where-Object { $_.method -eq 'PATCH' }).Count | Should -Be 1
        $conn.SessionRenewals | Should -Be 1
        $pages = @($log | Where-Object path -eq '/v1/tasks' | Where-Object status -eq 200)
        @($pages.query | Sort-Object -Unique).Count | Should -Be 10
        $pages.Count | Should -Be 10
        # The pages in flight when the tokens expired got one 401 each, at most the window of 8; none got two.
        $unauthorized = @($log | Where-Object status -eq 401)
        $unauthorized.Count | Should -BeGreaterOrEqual 1
        $unauthorized.Count | Should -BeLessOrEqual 8
        @($unauthorized | Group-Object query | Where-Object Count -gt 1) | Should -BeNullOrEmpty
        $log.Count | Should -Be (10 + 1 + $unauthorized.Count)
    }

    It '100 concurrent calls on an expired token renew it exactly once' {
        $conn = Connect-Sim
        $ids = $allIds[0..99]
        $null = Invoke-VcfSimulatorControl $sim POST /_sim/tokens/expire
        # A slow refresh, so that many calls meet the 401 while it is under way.
        Add-SimFault @{ method = 'PATCH'; path = '/v1/tokens/access-token/refresh'; count = 1; kind = 'delay'; delayMs = 1000 }
        Clear-SimLog

        $iss = [initialsessionstate]::CreateDefault2()
        $iss.ImportPSModule([string[]]@($env:VCFTASKS_MODULE))
        $pool = [runspacefactory]::CreateRunspacePool(1, 25, $iss, $Host)
        $pool.Open()
        try {
            $running = foreach ($id in $ids) {
                $ps = [powershell]::Create()
                $ps.RunspacePool = $pool
                $null = $ps.AddScript('param($Conn, $Id) Get-VcfTask -Id $Id -Server $Conn').AddArgument($conn).AddArgument($id)
                [pscustomobject]@{ PowerShell = $ps; Handle = $ps.BeginInvoke() }
            }
            $got = foreach ($r in $running) {
                $r.PowerShell.EndInvoke($r.Handle)
                $r.PowerShell.Streams.Error | Should -BeNullOrEmpty
                $r.PowerShell.Dispose()
            }
        }
        finally {
            $pool.Dispose()
        }

        @($got.Id) | Should -Be $ids
        $log = Get-SimLog
        @($log | Where-Object path -eq '/v1/tokens/access-token/refresh').Count | Should -Be 1
        @($log | Where-Object path -eq '/v1/tokens').Count | Should -Be 0
        $gets = @($log | Where-Object method -eq GET)
        @($gets | Where-Object status -eq 200).Count | Should -Be 100
        $unauthorized = @($gets | Where-Object status -eq 401)
        $unauthorized.Count | Should -BeGreaterThan 1   # they really were concurrent
        @($unauthorized | Group-Object path | Where-Object Count -gt 1) | Should -BeNullOrEmpty
        $conn.SessionRenewals | Should -Be 1
    }

    It 'a rejected refresh token leads to a new login with the stored credential, and the call works' {
        $conn = Connect-Sim
        $null = Invoke-VcfSimulatorControl $sim POST /_sim/tokens/revoke-refresh
        $null = Invoke-VcfSimulatorControl $sim POST /_sim/tokens/expire
        Clear-SimLog
        (Get-VcfTask -Server $conn -Id $plainId).Id | Should -Be $plainId
        Format-SimLog (Get-SimLog) | Should -Be @(
            "GET /v1/tasks/$plainId 401", 'PATCH /v1/tokens/access-token/refresh 404', 'POST /v1/tokens 201', "GET /v1/tasks/$plainId 200")
    }

    It 'a second 401 after the renewal gives a terminating VcfAuthenticationFailed, with no loop' {
        $conn = Connect-Sim
        Add-SimFault @{ method = 'GET'; path = "/v1/tasks/$plainId"; count = 5; kind = 'status'; status = 401 }
        Clear-SimLog
        $err = $null
        try { @($plainId, $allIds[1]) | Get-VcfTask -Server $conn -ErrorAction SilentlyContinue } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'VcfAuthenticationFailed,VcfTasks.Commands.GetVcfTaskCommand'
        # One renewal, one replay, then it stops: the second id is never asked for.
        Format-SimLog (Get-SimLog) | Should -Be @(
            "GET /v1/tasks/$plainId 401", 'PATCH /v1/tokens/access-token/refresh 200', "GET /v1/tasks/$plainId 401")
    }

    It 'an expired -AccessToken connection fails with a terminating VcfAuthenticationFailed, with no loop' {
        $pair = Invoke-RestMethod -Method Post -Uri "$($sim.Url)/v1/tokens" -SkipCertificateCheck -ContentType 'application/json' `
            -Body (@{ username = $sim.Username; password = $sim.Password } | ConvertTo-Json)
        $conn = Connect-VcfSddcManager -Server $sim.Url -AccessToken (ConvertTo-SecureString $pair.accessToken -AsPlainText -Force) `
            -CertificateThumbprint $sim.Thumbprint -NotDefault
        @(Get-VcfTask -Server $conn -Id $plainId).Count | Should -Be 1
        $null = Invoke-VcfSimulatorControl $sim POST /_sim/tokens/expire
        Clear-SimLog

        $err = $null
        try { @($plainId, $allIds[1]) | Get-VcfTask -Server $conn -ErrorAction SilentlyContinue } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'VcfAuthenticationFailed,VcfTasks.Commands.GetVcfTaskCommand'
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $log = Get-SimLog
        @($log | Where-Object status -eq 401).Count | Should -BeLessOrEqual 2
        @($log | Where-Object path -like '/v1/tokens*').Count | Should -Be 0
        @($log).Count | Should -Be 1

        $err2 = $null
        try { Get-VcfTask -Server $conn -First 1 } catch { $err2 = $_ }
        $err2.FullyQualifiedErrorId | Should -Be 'VcfAuthenticationFailed,VcfTasks.Commands.GetVcfTaskCommand'
    }
}

Describe 'Transient failures are retried, safely' {
    AfterEach { Clear-SimFault }

    It '429 with Retry-After in seconds: the GET succeeds, sent again about a second later' {
        $conn = Connect-Sim
        Add-SimFault @{ method = 'GET'; path = "/v1/tasks/$plainId"; count = 1; kind = 'status'; status = 429; headers = @{ 'Retry-After' = '1' } }
        Clear-SimLog
        (Get-VcfTask -Server $conn -Id $plainId).Id | Should -Be $plainId
        $log = Get-SimLog
        Format-SimLog $log | Should -Be @("GET /v1/tasks/$plainId 429", "GET /v1/tasks/$plainId 200")
        Get-Gap $log[0] $log[1] | Should -BeGreaterOrEqual 0.9
        Get-Gap $log[0] $log[1] | Should -BeLessThan 3
    }

    It '429 with Retry-After as an HTTP-date: the GET succeeds, sent again at about that time' {
        $conn = Connect-Sim
        $at = [DateTimeOffset]::UtcNow.AddSeconds(3)
        Add-SimFault @{ method = 'GET'; path = "/v1/tasks/$plainId"; count = 1; kind = 'status'; status = 429; headers = @{ 'Retry-After' = $at.ToString('r') } }
        Clear-SimLog
        (Get-VcfTask -Server $conn -Id $plainId).Id | Should -Be $plainId
        $log = Get-SimLog
        Format-SimLog $log | Should -Be @("GET /v1/tasks/$plainId 429", "GET /v1/tasks/$plainId 200")
        # The date has whole seconds: between 2 and 3 s after the fault was queued.
        Get-Gap $log[0] $log[1] | Should -BeGreaterOrEqual 1.5
        Get-Gap $log[0] $log[1] | Should -BeLessThan 4.5
        [datetime]$log[1].time | Should -BeGreaterOrEqual $at.UtcDateTime.AddSeconds(-1.05)
    }

    It 'Retry-After <Case>: sent again after <Min>-<Max> s' -ForEach @(
        @{ Case = 'as a date in the past'; Value = 'Sat, 01 Jan 2000 00:00:00 GMT'; Min = 0; Max = 0.4 }
        @{ Case = 'that cannot be read'; Value = 'soon'; Min = 0.45; Max = 1.5 }   # the module's own backoff: 0.5-1 s
    ) {
        $conn = Connect-Sim
        Add-SimFault @{ method = 'GET'; path = "/v1/tasks/$plainId"; count = 1; kind = 'status'; status = 503; headers = @{ 'Retry-After' = $Value } }
        Clear-SimLog
        (Get-VcfTask -Server $conn -Id $plainId).Id | Should -Be $plainId
        $log = Get-SimLog
        Format-SimLog $log | Should -Be @("GET /v1/tasks/$plainId 503", "GET /v1/tasks/$plainId 200")
        Get-Gap $log[0] $log[1] | Should -BeGreaterOrEqual $Min
        Get-Gap $log[0] $log[1] | Should -BeLessThan $Max
    }

    It 'Retry-After 3600 on a connection with -TimeoutSec 10: VcfServerError with HTTP 429 at once, no wait' {
        $conn = Connect-Sim -TimeoutSec 10
        Add-SimFault @{ method = 'GET'; path = "/v1/tasks/$plainId"; count = 1; kind = 'status'; status = 429; headers = @{ 'Retry-After' = '3600' } }
        Clear-SimLog
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        Get-VcfTask -Server $conn -Id $plainId -ErrorVariable errs -ErrorAction SilentlyContinue
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 3
        Get-ErrorId $errs | Should -Be @('VcfServerError')
        $errs[0].Exception.HttpStatus | Should -Be 429
        Format-SimLog (Get-SimLog) | Should -Be @("GET /v1/tasks/$plainId 429")
    }

    It 'a single transient 503 on a healthy connection is absorbed: one fault, two requests, the object' {
        $conn = Connect-Sim
        Add-SimFault @{ method = 'GET'; path = "/v1/tasks/$plainId"; count = 1; kind = 'status'; status = 503 }
        Clear-SimLog
        $task = Get-VcfTask -Server $conn -Id $plainId -ErrorVariable errs
        $task.Id | Should -Be $plainId
        $errs | Should -BeNullOrEmpty
        $log = Get-SimLog
        Format-SimLog $log | Should -Be @("GET /v1/tasks/$plainId 503", "GET /v1/tasks/$plainId 200")
        @($log | Where-Object fault).Count | Should -Be 1
    }

    It '503 on every attempt: the retries stop at the connection''s -TimeoutSec, not after the full backoff' {
        $conn = Connect-Sim -TimeoutSec 2
        Add-SimFault @{ method = 'GET'; path = "/v1/tasks/$plainId"; count = 50; kind = 'status'; status = 503 }
        Clear-SimLog
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        Get-VcfTask -Server $conn -Id $plainId -ErrorVariable errs -ErrorAction SilentlyContinue
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 3
        Get-ErrorId $errs | Should -Be @('VcfServerError')
        $errs[0].Exception.HttpStatus | Should -Be 503
        $n = @(Get-SimLog).Count
        $n | Should -BeGreaterOrEqual 2
        $n | Should -BeLessOrEqual 3
    }

    It 'a 503 storm under a pipeline of 500 ids: total requests bounded by the retry budget, one VcfServerError per id' {
        # -TimeoutSec 1 leaves time for one back-off per call: the budget, not the clock, must bound the total.
        $conn = Connect-Sim -TimeoutSec 1
        $ids = $allIds[0..499]
        Add-SimFault @{ method = 'GET'; path = '/v1/tasks/*'; count = 100000; kind = 'status'; status = 503 }
        Clear-SimLog
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $out = $ids | Get-VcfTask -Server $conn -ErrorVariable errs -ErrorAction SilentlyContinue
        $elapsed = $watch.Elapsed.TotalSeconds
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 500
        Get-ErrorId $errs | Sort-Object -Unique | Should -Be 'VcfServerError'
        @($errs.Exception.HttpStatus | Sort-Object -Unique) | Should -Be @(503)
        @($errs.TargetObject) | Should -Be $ids
        $log = Get-SimLog
        $log.Count | Should -BeGreaterOrEqual 500
        $log.Count | Should -BeLessOrEqual (500 + 10 + 2)
        @($log | Where-Object status -ne 503) | Should -BeNullOrEmpty
        # Only the first few ids were retried: the rest got one attempt each.
        @($log | Group-Object path | Where-Object Count -gt 1).Count | Should -BeLessOrEqual 10
        $elapsed | Should -BeLessThan 40
    }

    It 'a connection reset before the headers of a GET is retried and the object returned' {
        $conn = Connect-Sim
        Add-SimFault @{ method = 'GET'; path = "/v1/tasks/$plainId"; count = 1; kind = 'reset' }
        Clear-SimLog
        (Get-VcfTask -Server $conn -Id $plainId -ErrorVariable errs).Id | Should -Be $plainId
        $errs | Should -BeNullOrEmpty
        Format-SimLog (Get-SimLog) | Should -Be @("GET /v1/tasks/$plainId 0", "GET /v1/tasks/$plainId 200")
    }

    It 'a reset mid-body of page 4 of a listing is retried and the listing is whole, each id once, in order' {
        $conn = Connect-Sim
        # Pages 0-2 pass through a zero delay; the fourth page is cut off half way.
        Add-SimFault @{ method = 'GET'; path = '/v1/tasks'; count = 3; kind = 'delay'; delayMs = 0 }
        Add-SimFault @{ method = 'GET'; path = '/v1/tasks'; count = 1; kind = 'resetMidBody' }
        Clear-SimLog
        # One page after another, so that the fourth request is page 3.
        $ids = @(Get-VcfTask -Server $conn -ThrottleLimit 1 -ErrorVariable errs).Id
        $errs | Should -BeNullOrEmpty
        $ids | Should -Be $allIds
        $log = Get-SimLog
        $log.Count | Should -Be 11
        $log[3].query | Should -Be '?pageNumber=3&pageSize=100'
        $log[3].status | Should -Be 0
        $log[3].fault | Should -Be 'resetMidBody'
        $log[4].query | Should -Be '?pageNumber=3&pageSize=100'
        $log[4].status | Should -Be 200
    }

    It 'a reset mid-body of one of 8 pages in flight is retried and the listing is whole, each id once, in order' {
        $conn = Connect-Sim
        Add-SimFault @{ method = 'GET'; path = '/v1/tasks'; count = 3; kind = 'delay'; delayMs = 0 }
        Add-SimFault @{ method = 'GET'; path = '/v1/tasks'; count = 1; kind = 'resetMidBody' }
        $before = Get-SimMarker
        $ids = @(Get-VcfTask -Server $conn -ThrottleLimit 8 -ErrorVariable errs).Id
        $errs | Should -BeNullOrEmpty
        $ids | Should -Be $allIds
        # Every request of the listing, once each is logged (the last page's entry may come after the listing ends).
        $log = Get-SimLogSince $before
        $log.Count | Should -Be 11
        $cut = @($log | Where-Object fault -eq 'resetMidBody')
        $cut.Count | Should -Be 1
        $cut[0].status | Should -Be 0
        @($log | Where-Object { $_.query -eq $cut[0].query -and $_.status -eq 200 }).Count | Should -Be 1
        @($log | Where-Object status -eq 200).Count | Should -Be 10
    }

    It 'a reset mid-body of a single task is retried and the object returned' {
        $conn = Connect-Sim
        Add-SimFault @{ method = 'GET'; path = "/v1/tasks/$plainId"; count = 1; kind = 'resetMidBody' }
        Clear-SimLog
        (Get-VcfTask -Server $conn -Id $plainId -ErrorVariable errs).Id | Should -Be $plainId
        $errs | Should -BeNullOrEmpty
        Format-SimLog (Get-SimLog) | Should -Be @("GET /v1/tasks/$plainId 0", "GET /v1/tasks/$plainId 200")
    }
}

Describe 'Hostile or odd answers are clean errors' {
    AfterEach { Clear-SimFault }

    It 'truncated JSON on a GET gives a clean VcfServerError, not sent again' {
        $conn = Connect-Sim
        Add-SimFault @{ method = 'GET'; path = "/v1/tasks/$plainId"; count = 1; kind = 'truncate' }
        Clear-SimLog
        $out = Get-VcfTask -Server $conn -Id $plainId -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        Get-ErrorId $errs | Should -Be @('VcfServerError')
        $errs[0].Exception.Message | Should -Match 'not the expected JSON'
        $errs[0].TargetObject | Should -Be $plainId
        Format-SimLog (Get-SimLog) | Should -Be @("GET /v1/tasks/$plainId 200")
    }

    It 'a truncated page stops a listing with a terminating VcfServerError' {
        $conn = Connect-Sim
        Add-SimFault @{ method = 'GET'; path = '/v1/tasks'; count = 1; kind = 'truncate' }
        $err = $null
        try { $null = Get-VcfTask -Server $conn -ErrorAction SilentlyContinue } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'VcfServerError,VcfTasks.Commands.GetVcfTaskCommand'
    }

    It 'an HTML page with status 200 gives a clean VcfServerError naming text/html' {
        $conn = Connect-Sim
        Add-SimFault @{ method = 'GET'; path = "/v1/tasks/$plainId"; count = 1; kind = 'html' }
        Clear-SimLog
        Get-VcfTask -Server $conn -Id $plainId -ErrorVariable errs -ErrorAction SilentlyContinue
        Get-ErrorId $errs | Should -Be @('VcfServerError')
        $errs[0].Exception.Message | Should -Match 'text/html'
        $errs[0].Exception.HttpStatus | Should -Be 200
        Format-SimLog (Get-SimLog) | Should -Be @("GET /v1/tasks/$plainId 200")
    }
}

Describe 'Unsafe verbs are never resent' {
    AfterEach { Clear-SimFault }

    It 'a reset after a PATCH reached the server: one PATCH on the wire, VcfOutcomeUnknown, and the task''s state (IN_PROGRESS) reported' {
        $conn = Connect-Sim
        $id = $failedPool.Dequeue()
        Add-SimFault @{ method = 'PATCH'; path = "/v1/tasks/$id"; count = 1; kind = 'resetAfterProcessing' }
        Clear-SimLog
        Invoke-VcfTaskRetry -Server $conn -Id $id -ErrorVariable errs -ErrorAction SilentlyContinue -WarningVariable warns -WarningAction SilentlyContinue
        Format-SimLog (Get-SimLog) | Should -Be @("GET /v1/tasks/$id 200", "PATCH /v1/tasks/$id 0", "GET /v1/tasks/$id 200")
        # Said once, in the error, not again as a warning.
        $warns | Should -BeNullOrEmpty
        Get-ErrorId $errs | Should -Be @('VcfOutcomeUnknown')
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        $errs[0].TargetObject | Should -Be $id
        $errs[0].Exception.Task.Status -eq 'In Progress' | Should -BeTrue
        $errs[0].ErrorDetails.Message | Should -Match "Task $id is now IN_PROGRESS"
        $errs[0].Exception.Message | Should -Match 'not sent again'
        (Get-VcfTask -Server $conn -Id $id).Status -eq 'In Progress' | Should -BeTrue
    }

    It 'a reset after a DELETE reached the server: one DELETE on the wire, VcfOutcomeUnknown, and the task''s state (CANCELLED) reported' {
        $conn = Connect-Sim
        $id = $runningPool.Dequeue()
        Add-SimFault @{ method = 'DELETE'; path = "/v1/tasks/$id"; count = 1; kind = 'resetAfterProcessing' }
        Clear-SimLog
        Stop-VcfTask -Server $conn -Id $id -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        Format-SimLog (Get-SimLog) | Should -Be @("GET /v1/tasks/$id 200", "DELETE /v1/tasks/$id 0", "GET /v1/tasks/$id 200")
        Get-ErrorId $errs | Should -Be @('VcfOutcomeUnknown')
        $errs[0].Exception.Task.Status -eq 'Cancelled' | Should -BeTrue
        $errs[0].ErrorDetails.Message | Should -Match "Task $id is now CANCELLED"
    }

    It 'a PATCH with no answer within -TimeoutSec: VcfOutcomeUnknown, sent once, the task''s state (still FAILED) reported' {
        $conn = Connect-Sim -TimeoutSec 2
        $id = $failedPool.Dequeue()
        Add-SimFault @{ method = 'PATCH'; path = "/v1/tasks/$id"; count = 1; kind = 'hang' }
        Clear-SimLog
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        Invoke-VcfTaskRetry -Server $conn -Id $id -ErrorVariable errs -ErrorAction SilentlyContinue
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 6
        $log = Wait-SimLog -Until { $_.method -eq 'PATCH' }
        @($log | Where-Object method -eq PATCH).Count | Should -Be 1
        Get-ErrorId $errs | Should -Be @('VcfOutcomeUnknown')
        $errs[0].Exception.Message | Should -Match 'no answer came within 2 s'
        $errs[0].Exception.Task.Status -eq 'Failed' | Should -BeTrue
        $errs[0].ErrorDetails.Message | Should -Match "Task $id is now"
    }

    It 'a 503 to a PATCH is not retried: one PATCH, VcfServerError' {
        $conn = Connect-Sim
        $id = $failedPool.Dequeue()
        Add-SimFault @{ method = 'PATCH'; path = "/v1/tasks/$id"; count = 1; kind = 'status'; status = 503 }
        Clear-SimLog
        Invoke-VcfTaskRetry -Server $conn -Id $id -ErrorVariable errs -ErrorAction SilentlyContinue
        Format-SimLog (Get-SimLog) | Should -Be @("GET /v1/tasks/$id 200", "PATCH /v1/tasks/$id 503")
        Get-ErrorId $errs | Should -Be @('VcfServerError')
    }
}

Describe 'Bounded time' {
    AfterEach { Clear-SimFault }

    It 'a hung GET on a connection with -TimeoutSec 2 gives VcfRequestTimeout within 2-4 s, not sent again' {
        $conn = Connect-Sim -TimeoutSec 2
        Add-SimFault @{ method = 'GET'; path = "/v1/tasks/$plainId"; count = 1; kind = 'hang' }
        Clear-SimLog
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        Get-VcfTask -Server $conn -Id $plainId -ErrorVariable errs -ErrorAction SilentlyContinue
        $elapsed = $watch.Elapsed.TotalSeconds
        $elapsed | Should -BeGreaterOrEqual 1.9
        $elapsed | Should -BeLessThan 6
        Get-ErrorId $errs | Should -Be @('VcfRequestTimeout')
        $errs[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        Format-SimLog (Wait-SimLog -Until { $_.path -eq "/v1/tasks/$plainId" }) | Should -Be @("GET /v1/tasks/$plainId 0")
    }

    It 'a Retry-After sleep stopped with PowerShell.Stop() returns within a second and sends nothing more' {
        $conn = Connect-Sim
        Add-SimFault @{ method = 'GET'; path = "/v1/tasks/$plainId"; count = 1; kind = 'status'; status = 429; headers = @{ 'Retry-After' = '30' } }
        Clear-SimLog
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript('param($Conn, $Id) Import-Module $env:VCFTASKS_MODULE; Get-VcfTask -Server $Conn -Id $Id').AddArgument($conn).AddArgument($plainId)
            $handle = $ps.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(10)
            while (-not (Get-SimLog) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
            Start-Sleep -Milliseconds 500
            $ps.InvocationStateInfo.State | Should -Be 'Running'
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 1
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            Format-SimLog (Get-SimLog) | Should -Be @("GET /v1/tasks/$plainId 429")
            Clear-SimLog
            Start-Sleep -Seconds 2
            Get-SimLog | Should -BeNullOrEmpty
        }
        finally {
            $ps.Dispose()
        }
    }
}

Describe 'Redirects' {
    AfterEach { Clear-SimFault }

    It 'a 302 to another host is a VcfServerError and nothing is sent there' {
        $conn = Connect-Sim
        Add-SimFault @{ method = 'GET'; path = "/v1/tasks/$plainId"; count = 1; kind = 'status'; status = 302; headers = @{ Location = "$($slow.Url)/v1/tasks/$plainId" } }
        Clear-SimLog
        Clear-SimLog -S $slow
        Get-VcfTask -Server $conn -Id $plainId -ErrorVariable errs -ErrorAction SilentlyContinue
        Get-ErrorId $errs | Should -Be @('VcfServerError')
        $errs[0].Exception.HttpStatus | Should -Be 302
        Format-SimLog (Get-SimLog) | Should -Be @("GET /v1/tasks/$plainId 302")
        Start-Sleep -Milliseconds 300
        Get-SimLog -S $slow | Should -BeNullOrEmpty
    }
}
