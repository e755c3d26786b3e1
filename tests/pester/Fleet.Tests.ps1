# Per-task work side by side on a fleet: one simulator process serving four SDDC Managers (--servers 4), each with
# its own tasks, tokens and certificate. Shows that ids and tasks of several servers piped together come out in
# input order with each failure its own error in its place, that each retry is one PATCH, that questions are asked on
# the pipeline thread one task at a time before that task's request, that a 429 narrows only its server's window,
# and that Ctrl+C (PowerShell.Stop) cancels every request in flight. Timing is never asserted.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $env:VCFTASKS_REPO 'tools/VcfSimulator.psm1') -Force
    Add-Type -Path (Join-Path $PSScriptRoot 'PromptHost.cs')

    $fleet = @(Start-VcfSimulator -Servers 4 -Tasks 500 -Seed 11 -StepMs 100 -RetryFailurePercent 0 -LatencyMs 20)
    $conns = @(foreach ($s in $fleet) { Connect-Sim -S $s })
    $tasks = @(foreach ($c in $conns) { , @(Get-VcfTask -Server $c) })
    $Missing = '00000000-0000-0000-0000-000000000404'

    # Tasks of server $i that exist on no other server (the generated ones: seeds differ).
    $seenOn = @{}
    foreach ($list in $tasks) { foreach ($t in $list) { $seenOn[$t.Id] = 1 + [int]$seenOn[$t.Id] } }
    $own = @(foreach ($list in $tasks) { , @($list | Where-Object { $seenOn[$_.Id] -eq 1 }) })
    function script:Get-Own {
        param([int] $Server, [scriptblock] $Where = { $true })
        @($own[$Server] | Where-Object $Where)
    }
    function script:Get-Retryable { param([int] $Server) Get-Own $Server { $_.Status -eq 'Failed' -and $_.IsRetryable -and -not $_.IsCredentialsTask } }
    function script:Clear-FleetLog { foreach ($s in $fleet) { Clear-SimLog -S $s } }
    # Objects, ids and errors as they came out, errors as 'error <id> <FullyQualifiedErrorId>'.
    function script:Format-Stream {
        param($Items)
        @($Items | ForEach-Object {
                if ($_ -is [System.Management.Automation.ErrorRecord]) { "error $($_.TargetObject) $($_.FullyQualifiedErrorId -replace ',.*$', '')" } else { $_.Id }
            })
    }
}
AfterAll {
    $fleet | Select-Object -First 1 | Stop-VcfSimulator
}

Describe 'A fleet from one simulator process' {
    It 'serves four servers, each with tasks of its own and its own certificate' {
        @($fleet.Url | Select-Object -Unique).Count | Should -Be 4
        @($fleet.Thumbprint | Select-Object -Unique).Count | Should -Be 4
        @($fleet.Process.Id | Select-Object -Unique).Count | Should -Be 1
        foreach ($i in 0..3) { (Get-Own $i).Count | Should -BeGreaterThan 40 }
    }
}

Describe 'Get-VcfTask: ids and tasks of several servers side by side' {
    It 'piped ids of four servers come out in input order, each read once, a missing id its own error in its place' {
        $rows = foreach ($i in 0..2) { foreach ($s in 0..3) { [pscustomobject]@{ Id = (Get-Own $s)[$i].Id; Server = $conns[$s] } } }
        $rows = @($rows[0..5]) + [pscustomobject]@{ Id = $Missing; Server = $conns[2] } + @($rows[6..11])
        # The first task's read is held 400 ms, so the ones after it are answered first.
        Add-SimFault @{ method = 'GET'; path = "/v1/tasks/$($rows[0].Id)"; kind = 'delay'; delayMs = 400 } -S $fleet[0]
        Clear-FleetLog
        $ErrorActionPreference = 'Continue'
        $out = @($rows | Get-VcfTask 2>&1)
        Format-Stream $out | Should -Be @($rows | ForEach-Object { if ($_.Id -eq $Missing) { "error $Missing VcfTaskNotFound" } else { $_.Id } })
        foreach ($s in 0..3) {
            $expected = @($rows | Where-Object { $_.Server -eq $conns[$s] } | ForEach-Object { "GET /v1/tasks/$($_.Id)" })
            @(Get-SimLog -S $fleet[$s] | ForEach-Object { "$($_.method) $($_.path)" } | Sort-Object) | Should -Be @($expected | Sort-Object)
        }
    }

    It 'task objects of four servers are read again, each from its own server, in input order' {
        $objects = foreach ($i in 0..4) { foreach ($s in 3, 1, 0, 2) { (Get-Own $s)[$i] } }
        Clear-FleetLog
        $out = @($objects | Get-VcfTask)
        $out.Id | Should -Be $objects.Id
        foreach ($k in 0..($out.Count - 1)) { $out[$k].GetConnection() | Should -Be $objects[$k].GetConnection() }
        foreach ($s in 0..3) { @(Get-SimLog -S $fleet[$s]).Count | Should -Be 5 }
    }

    It 'rejects -ThrottleLimit <Limit> with ids, on every per-task cmdlet' -ForEach @(@{ Limit = 0 }, @{ Limit = 17 }) {
        $id = (Get-Own 0)[0].Id
        { Get-VcfTask -Server $conns[0] -Id $id -ThrottleLimit $Limit } | Should -Throw -ErrorId 'ParameterArgumentValidationError,VcfTasks.Commands.GetVcfTaskCommand'
        { Invoke-VcfTaskRetry -Server $conns[0] -Id $id -ThrottleLimit $Limit -Confirm:$false } | Should -Throw -ErrorId 'ParameterArgumentValidationError,VcfTasks.Commands.InvokeVcfTaskRetryCommand'
        { Stop-VcfTask -Server $conns[0] -Id $id -ThrottleLimit $Limit -Force } | Should -Throw -ErrorId 'ParameterArgumentValidationError,VcfTasks.Commands.StopVcfTaskCommand'
    }

    It 'a 429 narrows the window of its own server only (-Verbose says which)' {
        $objects = foreach ($i in 0..3) { foreach ($s in 0, 1) { (Get-Own $s)[$i] } }
        Add-SimFault @{ method = 'GET'; path = "/v1/tasks/$($objects[2].Id)"; kind = 'status'; status = 429; headers = @{ 'Retry-After' = '0' } } -S $fleet[0]
        $verbose = @(Get-VcfTask -InputObject $objects -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        @($verbose | Where-Object { $_ -like '*answered 429 or 503*' }) | Should -Be @("$($conns[0].Server) answered 429 or 503: at most 4 of its task(s) at once from now on.")
    }
}

Describe 'Invoke-VcfTaskRetry and Stop-VcfTask across the fleet' {
    It 'retries failed tasks of four servers piped as ids: one PATCH each, errors in their place, -PassThru in input order' {
        $rows = @(foreach ($s in 0..3) { foreach ($t in (Get-Retryable $s | Select-Object -First 2)) { [pscustomobject]@{ Id = $t.Id; Server = $conns[$s] } } })
        $done = (Get-Own 1 { $_.Status -eq 'Successful' })[0].Id
        $rows = @($rows[0..2]) + [pscustomobject]@{ Id = $Missing; Server = $conns[3] } + @($rows[3..4]) +
            [pscustomobject]@{ Id = $done; Server = $conns[1] } + @($rows[5..($rows.Count - 1)])
        Clear-FleetLog
        $ErrorActionPreference = 'Continue'
        $out = @($rows | Invoke-VcfTaskRetry -Confirm:$false -PassThru 2>&1)
        Format-Stream $out | Should -Be @($rows | ForEach-Object {
                if ($_.Id -eq $Missing) { "error $Missing VcfTaskNotFound" } elseif ($_.Id -eq $done) { "error $done VcfTaskNotRetryable" } else { $_.Id } })
        foreach ($s in 0..3) {
            $patches = @(Get-SimLog -S $fleet[$s] | Where-Object method -eq 'PATCH' | ForEach-Object path | Sort-Object)
            # The SUCCESSFUL task is refused as read (issue 16.4): no PATCH for it, nor for the missing id.
            $patches | Should -Be @($rows | Where-Object { $_.Server -eq $conns[$s] -and $_.Id -notin $Missing, $done } | ForEach-Object { "/v1/tasks/$($_.Id)" } | Sort-Object)
        }
    }

    It 'asks each question on the pipeline thread, in input order, and sends nothing for a task answered No' {
        $objects = @(foreach ($s in 0..3) { Get-Retryable $s | Select-Object -Skip 2 -First 2 })
        $refused = $objects[3].Id
        $ui = [VcfTasksTests.PromptHost]::new()
        $ui.Prompts.Refuse.Add($refused)
        $rs = [runspacefactory]::CreateRunspace($ui)
        $rs.Open()
        $ps = [powershell]::Create()
        $ps.Runspace = $rs
        try {
            Clear-FleetLog
            $null = $ps.AddScript('param($Module, $Objects)
                Import-Module $Module
                [Threading.Thread]::CurrentThread.ManagedThreadId
                $Objects | Invoke-VcfTaskRetry -Confirm -PassThru').AddArgument($env:VCFTASKS_MODULE).AddArgument($objects)
            $result = @($ps.Invoke())
            $ps.Streams.Error | Should -BeNullOrEmpty
            $pipelineThread = $result[0]
            @($result | Select-Object -Skip 1).Id | Should -Be @($objects.Id | Where-Object { $_ -ne $refused })
            $ui.Prompts.Questions.Count | Should -Be $objects.Count
            foreach ($k in 0..($objects.Count - 1)) { $ui.Prompts.Questions[$k] | Should -BeLike "*($($objects[$k].Id), FAILED)*" }
            @($ui.Prompts.Threads | Select-Object -Unique) | Should -Be @($pipelineThread)
            $patched = @(foreach ($s in $fleet) { Get-SimLog -S $s | Where-Object method -eq 'PATCH' | ForEach-Object { $_.path -replace '^/v1/tasks/', '' } })
            @($patched | Sort-Object) | Should -Be @($objects.Id | Where-Object { $_ -ne $refused } | Sort-Object)
        }
        finally {
            $ps.Dispose()
            $rs.Dispose()
        }
    }

    It 'Stop-VcfTask cancels running tasks of several servers: one DELETE each, in input order' {
        $objects = @(foreach ($s in 2, 0, 3) { Get-Own $s { $_.Status -eq 'In Progress' -and $_.IsCancellable } | Select-Object -First 2 })
        Clear-FleetLog
        $out = @($objects | Stop-VcfTask -Force -PassThru)
        $out.Id | Should -Be $objects.Id
        foreach ($s in 0, 2, 3) {
            @(Get-SimLog -S $fleet[$s] | Where-Object method -eq 'DELETE').Count | Should -Be 2
        }
    }

    It 'waits on 100 retried tasks over two servers from their listings: one PATCH each, at most half a request per task for the wait' {
        # Past the ones the tests above retried.
        $batch = @(Get-Retryable 2 | Select-Object -Skip 4 -First 50) + @(Get-Retryable 3 | Select-Object -Skip 4 -First 50)
        $batch.Count | Should -Be 100
        Clear-FleetLog
        $verbose = @($batch | Invoke-VcfTaskRetry -Confirm:$false -Wait -Verbose 4>&1)
        $out = @($verbose | Where-Object { $_ -is [VcfTasks.VcfTask] })
        ($out.Id | Sort-Object) | Should -Be ($batch.Id | Sort-Object)
        @($out | Where-Object { -not ($_.Status -eq 'Successful') }) | Should -BeNullOrEmpty
        $waitRequests = 0
        foreach ($s in 2, 3) {
            $log = @(Get-SimLog -S $fleet[$s])
            @($log | Where-Object method -eq 'PATCH').Count | Should -Be 50
            $gets = @($log | Where-Object method -eq 'GET')
            foreach ($g in @($gets | Where-Object path -eq '/v1/tasks')) { $g.query | Should -Match 'taskStatus=IN_PROGRESS|completedAfter=' }
            $waitRequests += $gets.Count
        }
        $waitRequests | Should -BeLessOrEqual 50
        $said = @($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'Waited for *' }).Message
        $said | Should -Be "Waited for 100 task(s) on 2 server(s) with $waitRequests request(s) (listing pages and reads by id)."
    }

    It 'a wait where one server''s connection is closed midway: its tasks get VcfNotConnected, the other server''s are still waited for' {
        $x = Connect-Sim -S $fleet[0]
        $y = Connect-Sim -S $fleet[1]
        # Generated running tasks never finish by themselves: the wait ends at its -TimeoutSec.
        $onX = @(Get-VcfTask -Server $x -Status 'In Progress' | Where-Object { $_.Id -in (Get-Own 0).Id } | Select-Object -Last 3)
        $onY = @(Get-VcfTask -Server $y -Status 'In Progress' | Where-Object { $_.Id -in (Get-Own 1).Id } | Select-Object -Last 3)
        $before = Get-SimMarker -S $fleet[0]
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript('param($Module, $Tasks) Import-Module $Module; $Tasks | Wait-VcfTask -TimeoutSec 8').
                AddArgument($env:VCFTASKS_MODULE).AddArgument(@($onX + $onY))
            $handle = $ps.BeginInvoke()
            # Until the wait has polled server 0 once (from its listing: three tasks there).
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while (-not @(Get-SimLogSince -Since $before -S $fleet[0] | Where-Object { $_.path -eq '/v1/tasks' }) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
            Disconnect-VcfSddcManager -Server $x -Confirm:$false
            $out = @($ps.EndInvoke($handle))
            $errors = @($ps.Streams.Error)
            @($errors | Where-Object { $_.FullyQualifiedErrorId -like 'VcfNotConnected*' } | ForEach-Object TargetObject | Sort-Object) | Should -Be @($onX.Id | Sort-Object)
            @($errors | Where-Object { $_.FullyQualifiedErrorId -like 'VcfWaitTimeout*' } | ForEach-Object TargetObject | Sort-Object) | Should -Be @($onY.Id | Sort-Object)
            $errors.Count | Should -Be 6
            ($out.Id | Sort-Object) | Should -Be @($onY.Id | Sort-Object)
        }
        finally {
            $ps.Dispose()
            Disconnect-VcfSddcManager -Server $y -Confirm:$false
        }
    }

    It 'Ctrl+C (PowerShell.Stop) cancels every request in flight, and nothing is sent after it' {
        # Server 0: a first task (answered: the window opens), then one whose read never answers, then two more.
        # Server 1: two tasks. While the hung read waits, the reads behind it on both servers are sent side by side.
        $zero = @(Get-Own 0 | Select-Object -Skip 10 -First 4)
        $one = @(Get-Own 1 | Select-Object -Skip 10 -First 2)
        $rows = @($zero[0], $zero[1], $one[0], $zero[2], $zero[3], $one[1])
        Add-SimFault @{ method = 'GET'; path = "/v1/tasks/$($zero[1].Id)"; kind = 'hang' } -S $fleet[0]
        Clear-FleetLog
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript('param($Module, $Fleet, $Cred0, $Cred1, $Ids0, $Ids1, $Order)
                Import-Module $Module
                $c0 = Connect-VcfSddcManager -Server $Fleet[0].Url -Credential $Cred0 -CertificateThumbprint $Fleet[0].Thumbprint -NotDefault
                $c1 = Connect-VcfSddcManager -Server $Fleet[1].Url -Credential $Cred1 -CertificateThumbprint $Fleet[1].Thumbprint -NotDefault
                $Order | ForEach-Object { [pscustomobject]@{ Id = $_.Id; Server = if ($_.Id -in $Ids0) { $c0 } else { $c1 } } } | Get-VcfTask').
                AddArgument($env:VCFTASKS_MODULE).AddArgument($fleet).AddArgument((Get-VcfSimulatorCredential $fleet[0])).
                AddArgument((Get-VcfSimulatorCredential $fleet[1])).AddArgument($zero.Id).AddArgument($one.Id).AddArgument($rows)
            $handle = $ps.BeginInvoke()
            # Until the hung read is held and the other five are answered (the log has an entry once a request is done).
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            do {
                Start-Sleep -Milliseconds 100
                $held = @(Invoke-VcfSimulatorControl $fleet[0] GET /_sim/faults).Count -eq 0
                $answered = @(Read-SimLog -S $fleet[0]) + @(Read-SimLog -S $fleet[1]) | Where-Object { $_.method -eq 'GET' -and $_.path -like '/v1/tasks/*' }
            } until (($held -and @($answered).Count -ge 5) -or [DateTime]::UtcNow -gt $deadline)
            @($answered.path | Sort-Object) | Should -Be @(($zero[0], $zero[2], $zero[3], $one[0], $one[1]).Id | ForEach-Object { "/v1/tasks/$_" } | Sort-Object)
            $ps.InvocationStateInfo.State | Should -Be 'Running'
            $ps.Stop()
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            # The hung read was cancelled: the server logs it once the client has gone.
            $log = Wait-SimLog { $_.path -eq "/v1/tasks/$($zero[1].Id)" } -S $fleet[0]
            @($log | Where-Object path -eq "/v1/tasks/$($zero[1].Id)").Count | Should -Be 1
            $since0 = Get-SimMarker -S $fleet[0]
            $since1 = Get-SimMarker -S $fleet[1]
            Start-Sleep -Seconds 1
            Get-SimLogSince -Since $since0 -S $fleet[0] | Should -BeNullOrEmpty
            Get-SimLogSince -Since $since1 -S $fleet[1] | Should -BeNullOrEmpty
        }
        finally {
            $ps.Dispose()
        }
    }
}

Describe 'Watch-VcfTask on the fleet' {
    BeforeAll {
        # A watch in its own runspace, so the test can change tasks meanwhile; its output is read as it comes.
        function script:Start-Watch {
            param([int[]] $Servers, [string] $Arguments)
            $ps = [powershell]::Create()
            $null = $ps.AddScript('param($Module, $Fleet, $Creds, $Servers, $Arguments)
                Import-Module $Module
                $conns = foreach ($i in $Servers) {
                    Connect-VcfSddcManager -Server $Fleet[$i].Url -Credential $Creds[$i] -CertificateThumbprint $Fleet[$i].Thumbprint -NotDefault
                }
                $watch = [scriptblock]::Create("param(`$conns) Watch-VcfTask -Server `$conns $Arguments")
                & $watch $conns').AddArgument($env:VCFTASKS_MODULE).AddArgument($fleet).
                AddArgument(@($fleet | ForEach-Object { Get-VcfSimulatorCredential $_ })).AddArgument($Servers).AddArgument($Arguments)
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $noInput = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $noInput.Complete()
            $handle = $ps.BeginInvoke($noInput, $output)
            [pscustomobject]@{ PowerShell = $ps; Handle = $handle; Output = $output }
        }
        function script:Wait-WatchOutput {
            param($Watch, [scriptblock] $Until, [double] $Seconds = 30)
            $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
            # By index: enumerating a PSDataCollection that is still open waits for it to be completed.
            $read = { @(for ($i = 0; $i -lt $Watch.Output.Count; $i++) { $Watch.Output[$i] }) }
            while (-not @(& $read | Where-Object $Until) -and [DateTime]::UtcNow -lt $deadline -and -not $Watch.Handle.IsCompleted) { Start-Sleep -Milliseconds 100 }
            @(& $read | Where-Object $Until)
        }
        function script:Get-Token {
            param($S)
            (Invoke-RestMethod -Method Post -Uri "$($S.Url)/v1/tokens" -SkipCertificateCheck -ContentType 'application/json' `
                -Body (@{ username = $S.Username; password = $S.Password } | ConvertTo-Json)).accessToken
        }
    }

    It 'over idle servers: two listings a server per look (running, finished since), nothing else, no change told' {
        $since = @(foreach ($s in $fleet) { Get-SimMarker -S $s })
        $out = @(Watch-VcfTask -Server $conns -IntervalSec 1 -TimeoutSec 3 -Verbose 4>&1)
        $changes = @($out | Where-Object { $_ -is [VcfTasks.VcfTaskChange] })
        $changes | Should -BeNullOrEmpty
        $said = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'Watched *' }).Message
        $said | Should -Match '^Watched 4 server\(s\): (\d+) look\(s\), (\d+) request\(s\)'
        $looks = [int]([regex]::Match($said, '(\d+) look').Groups[1].Value)
        $looks | Should -BeGreaterOrEqual 2
        foreach ($i in 0..3) {
            $log = @(Get-SimLogSince -Since $since[$i] -S $fleet[$i])
            $log.Count | Should -Be (2 * $looks)
            foreach ($r in $log) { "$($r.method) $($r.path)" | Should -Be 'GET /v1/tasks' }
            @($log | Where-Object { $_.query -match 'taskStatus=IN_PROGRESS' }).Count | Should -Be $looks
            @($log | Where-Object { $_.query -match 'completedAfter=\d+' }).Count | Should -Be $looks
        }
    }

    It 'tells of a task cancelled by another client, as Finished from In Progress, and of nothing else' {
        $target = (Get-Own 1 { $_.Status -eq 'In Progress' -and $_.IsCancellable } | Select-Object -Last 1)
        $before = Get-SimMarker -S $fleet[1]
        $watch = Start-Watch -Servers 0, 1 -Arguments '-IntervalSec 1 -TimeoutSec 90'
        try {
            # Until the watch has looked at server 1 once (its running tasks are then known).
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while (-not @(Get-SimLogSince -Since $before -S $fleet[1] | Where-Object { "$($_.query)" -match 'completedAfter' }) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
            [DateTime]::UtcNow | Should -BeLessThan $deadline -Because 'the watch looked at server 1 before the task was cancelled'
            $watch.Handle.IsCompleted | Should -BeFalse
            $token = Get-Token $fleet[1]
            $null = Invoke-RestMethod -Method Delete -Uri "$($fleet[1].Url)/v1/tasks/$($target.Id)" -SkipCertificateCheck -Headers @{ Authorization = "Bearer $token" }
            $seen = @(Wait-WatchOutput $watch { $_.Id -eq $target.Id })
            $seen.Count | Should -Be 1
            $seen[0] | Should -BeOfType ([VcfTasks.VcfTaskChange])
            "$($seen[0].Change)" | Should -Be 'Finished'
            $seen[0].PreviousStatus -eq 'In Progress' | Should -BeTrue
            $seen[0].Status -eq 'Cancelled' | Should -BeTrue
            $seen[0].Server | Should -Be $conns[1].Server
            @(Wait-WatchOutput $watch { $_.Id -ne $target.Id } -Seconds 0) | Should -BeNullOrEmpty
        }
        finally {
            $watch.PowerShell.Stop()
            $watch.PowerShell.Dispose()
        }
    }

    It 'a server whose listing fails gets its own error each look, and the other server is still watched' {
        Add-SimFault @{ method = 'GET'; path = '/v1/tasks'; kind = 'status'; status = 400; count = 1000 } -S $fleet[3]
        try {
            $before = Get-SimMarker -S $fleet[2]
            $out = @(Watch-VcfTask -Server $conns[2], $conns[3] -IntervalSec 1 -TimeoutSec 3 -Verbose -ErrorVariable errs -ErrorAction SilentlyContinue 4>&1)
            $errs.Count | Should -BeGreaterOrEqual 2
            foreach ($e in $errs) { $e.TargetObject | Should -Be $conns[3].Server }
            $looks = [int]([regex]::Match(($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'Watched *' }).Message, '(\d+) look').Groups[1].Value)
            $errs.Count | Should -Be $looks
            @(Get-SimLogSince -Since $before -S $fleet[2]).Count | Should -Be (2 * $looks)
        }
        finally {
            Clear-SimFault -S $fleet[3]
        }
    }

    It 'Ctrl+C (PowerShell.Stop) ends a watch that has no time limit' {
        $watch = Start-Watch -Servers 0 -Arguments '-IntervalSec 1'
        try {
            $before = Get-SimMarker -S $fleet[0]
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while (@(Get-SimLogSince -Since $before -S $fleet[0]).Count -lt 4 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
            $watch.PowerShell.InvocationStateInfo.State | Should -Be 'Running'
            $watch.PowerShell.Stop()
            $watch.PowerShell.InvocationStateInfo.State | Should -Be 'Stopped'
            $after = Get-SimMarker -S $fleet[0]
            Start-Sleep -Seconds 2
            Get-SimLogSince -Since $after -S $fleet[0] | Should -BeNullOrEmpty
        }
        finally {
            $watch.PowerShell.Dispose()
        }
    }

    It 'renews the token by itself during a watch (4 s tokens, a 10 s watch): every look answered, no error' {
        $short = Start-VcfSimulator -Tasks 30 -Seed 5 -TokenLifetimeSeconds 4
        try {
            $c = Connect-Sim -S $short
            Clear-SimLog -S $short
            $null = Watch-VcfTask -Server $c -IntervalSec 1 -TimeoutSec 10 -ErrorVariable errs
            $errs | Should -BeNullOrEmpty
            $c.SessionRenewals | Should -BeGreaterOrEqual 1
            $log = @(Get-SimLog -S $short)
            @($log | Where-Object { $_.path -like '/v1/tokens*' }).Count | Should -BeGreaterOrEqual 1
            @($log | Where-Object { $_.path -eq '/v1/tasks' -and $_.status -eq 200 }).Count | Should -BeGreaterOrEqual 10
        }
        finally {
            Stop-VcfSimulator $short
        }
    }

    It 'rejects -IntervalSec <Value>, outside 1 to 3600' -ForEach @(@{ Value = 0 }, @{ Value = 3601 }) {
        { Watch-VcfTask -Server $conns[0] -IntervalSec $Value -TimeoutSec 1 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,VcfTasks.Commands.WatchVcfTaskCommand'
    }

    It 'takes -Server with wildcards: * watches every open connection' {
        $since = @(foreach ($s in $fleet) { Get-SimMarker -S $s })
        # Connections other test files left open in this session (fixtures, stopped simulators) are watched too:
        # each of those writes its own error, and the fleet is still watched.
        $null = Watch-VcfTask -Server * -IntervalSec 1 -TimeoutSec 1 -ErrorAction SilentlyContinue
        foreach ($i in 0..3) { @(Get-SimLogSince -Since $since[$i] -S $fleet[$i]).Count | Should -BeGreaterOrEqual 2 }
    }
}
