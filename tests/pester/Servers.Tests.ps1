# Several servers at once (-Server a,b on every cmdlet that has it), the session's connections
# (Get-VcfSddcManagerConnection), and previews (-WhatIf) that read the task first and give the real run's error.
# Two simulators with different generated tasks (they share the seed tasks) stand for two SDDC Managers.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $env:VCFTASKS_REPO 'tools/VcfSimulator.psm1') -Force

    $sim = Start-VcfSimulator -Tasks 30 -Seed 7 -StepMs 100 -RetryFailurePercent 0
    $other = Start-VcfSimulator -Tasks 20 -Seed 3 -StepMs 100 -RetryFailurePercent 0
    $a = Connect-Sim
    $b = Connect-Sim -S $other
    $tasksA = @(Get-VcfTask -Server $a)
    $tasksB = @(Get-VcfTask -Server $b)
    $onlyA = @($tasksA | Where-Object Id -notin $tasksB.Id)
    $onlyB = @($tasksB | Where-Object Id -notin $tasksA.Id)
    $Missing = '00000000-0000-0000-0000-000000000404'

    function script:Clear-BothLogs { Clear-SimLog; Clear-SimLog -S $other }

    # What -WhatIf printed (it goes to the host, so it is read back from a transcript) and the errors written.
    function script:Invoke-Preview {
        param([scriptblock] $Script)
        $path = Join-Path $TestDrive "whatif-$([guid]::NewGuid().ToString('N')).txt"
        $null = Start-Transcript -Path $path
        # The suite runs with $ErrorActionPreference = 'Stop'; here the errors are collected, not thrown.
        $ErrorActionPreference = 'Continue'
        try { $out = @(& $Script 2>&1) } finally { $null = Stop-Transcript }
        [pscustomobject]@{
            Text   = @(Get-Content $path | Where-Object { $_ -like 'What if:*' })
            Errors = @($out | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        }
    }
}
AfterAll {
    $sim, $other | Where-Object { $_ } | Stop-VcfSimulator
}

Describe 'Get-VcfTask with several servers' {
    It 'the two simulators have tasks of their own (the premise of these tests)' {
        $onlyA.Count | Should -BeGreaterThan 0
        $onlyB.Count | Should -BeGreaterThan 0
    }

    It '-Server a,b lists each server once, and each task says which server it came from' {
        Clear-BothLogs
        $out = @(Get-VcfTask -Server $a, $b)
        $out.Count | Should -Be ($tasksA.Count + $tasksB.Count)
        @($out | Where-Object Server -eq $a.Server).Id | Sort-Object | Should -Be ($tasksA.Id | Sort-Object)
        @($out | Where-Object Server -eq $b.Server).Id | Sort-Object | Should -Be ($tasksB.Id | Sort-Object)
        Format-SimLog (Get-SimLog) | Should -Be @('GET /v1/tasks 200')
        Format-SimLog (Get-SimLog -S $other) | Should -Be @('GET /v1/tasks 200')
    }

    It '-Server @($b), an array of one, lists that server' {
        Clear-BothLogs
        @(Get-VcfTask -Server @($b)).Id | Should -Be $tasksB.Id
        @(Get-SimLog | Where-Object method) | Should -BeNullOrEmpty
        Format-SimLog (Get-SimLog -S $other) | Should -Be @('GET /v1/tasks 200')
    }

    It 'takes server names as well as connection objects' {
        $out = @(Get-VcfTask -Server $a.Server, $b.Server)
        ($out.Server | Sort-Object -Unique) | Should -Be (@($a.Server, $b.Server) | Sort-Object)
        $out.Count | Should -Be ($tasksA.Count + $tasksB.Count)
    }

    It 'an unknown name in the list is VcfNotConnected for that name, and the other servers are still listed' {
        $out = @(Get-VcfTask -Server $a, 'nosuch.rainpole.io', $b -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Count | Should -Be ($tasksA.Count + $tasksB.Count)
        Get-ErrorId $errs | Should -Be @('VcfNotConnected')
        $errs[0].TargetObject | Should -Be 'nosuch.rainpole.io'
    }

    It 'a server whose listing fails gets its own error, and the other server is still listed' {
        Add-SimFault -S $other @{ method = 'GET'; path = '/v1/tasks'; count = 1; kind = 'status'; status = 400 }
        try {
            $out = @(Get-VcfTask -Server $a, $b -ErrorVariable errs -ErrorAction SilentlyContinue)
        } finally { Clear-SimFault -S $other }
        $out.Id | Sort-Object | Should -Be ($tasksA.Id | Sort-Object)
        Get-ErrorId $errs | Should -Be @('VcfServerError')
        $errs[0].TargetObject | Should -Be $b.Server
    }

    It '-First applies to each server, and asks each for no more than one page' {
        # Counted by request numbers (see Get-SimMarker): a page asked for ahead and then cancelled may be logged
        # only after the listing has returned, so a count of the log just after it could miss it.
        $beforeA = Get-SimMarker; $beforeB = Get-SimMarker -S $other
        $out = @(Get-VcfTask -Server $a, $b -First 2 -PageSize 5)
        @($out | Where-Object Server -eq $a.Server).Id | Should -Be $tasksA.Id[0..1]
        @($out | Where-Object Server -eq $b.Server).Id | Should -Be $tasksB.Id[0..1]
        (Get-SimMarker) - $beforeA | Should -Be 2 -Because 'one request reaches the first server between its two markers'
        (Get-SimMarker -S $other) - $beforeB | Should -Be 2 -Because 'one request reaches the second server between its two markers'
    }

    It 'each server''s listing has its own -ThrottleLimit window: every page asked once, each server''s tasks in its order' {
        Clear-BothLogs
        $out = @(Get-VcfTask -Server $a, $b -PageSize 10 -ThrottleLimit 16)
        @($out | Where-Object Server -eq $a.Server).Id | Should -Be $tasksA.Id
        @($out | Where-Object Server -eq $b.Server).Id | Should -Be $tasksB.Id
        foreach ($pair in @(@{ Log = @(Get-SimLog); Count = $tasksA.Count }, @{ Log = @(Get-SimLog -S $other); Count = $tasksB.Count })) {
            $pages = [math]::Ceiling($pair.Count / 10)
            $pair.Log.Count | Should -Be $pages
            @($pair.Log.query | Sort-Object -Unique).Count | Should -Be $pages
        }
    }

    It '-First 15 -PageSize 10 -ThrottleLimit 16 asks each server for two pages, no more' {
        $beforeA = Get-SimMarker; $beforeB = Get-SimMarker -S $other
        $out = @(Get-VcfTask -Server $a, $b -First 15 -PageSize 10 -ThrottleLimit 16)
        @($out | Where-Object Server -eq $a.Server).Id | Should -Be $tasksA.Id[0..14]
        @($out | Where-Object Server -eq $b.Server).Id | Should -Be $tasksB.Id[0..14]
        (Get-SimMarker) - $beforeA | Should -Be 3 -Because 'two requests reach the first server between its two markers'
        (Get-SimMarker -S $other) - $beforeB | Should -Be 3 -Because 'two requests reach the second server between its two markers'
    }

    It '-Id with several servers reads each id from each server; VcfTaskNotFound only for the id that no server has' {
        Clear-BothLogs
        $ids = $onlyA[0].Id, $onlyB[0].Id, $Missing
        $out = @(Get-VcfTask -Id $ids -Server $a, $b -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Id | Should -Be @($onlyA[0].Id, $onlyB[0].Id)
        $out.Server | Should -Be @($a.Server, $b.Server)
        Get-ErrorId $errs | Should -Be @('VcfTaskNotFound')
        $errs[0].TargetObject | Should -Be $Missing
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        Format-SimLog (Get-SimLog) | Should -Be @("GET /v1/tasks/$($ids[0]) 200", "GET /v1/tasks/$($ids[1]) 404", "GET /v1/tasks/$Missing 404")
        Format-SimLog (Get-SimLog -S $other) | Should -Be @("GET /v1/tasks/$($ids[0]) 404", "GET /v1/tasks/$($ids[1]) 200", "GET /v1/tasks/$Missing 404")
    }

    It 'a connection piped in lists its own tasks: its Id is not taken for a task id' {
        Clear-BothLogs
        $out = @($b | Get-VcfTask)
        $out.Id | Should -Be $tasksB.Id
        Format-SimLog (Get-SimLog -S $other) | Should -Be @('GET /v1/tasks 200')
    }
}

Describe 'Invoke-VcfTaskRetry, Stop-VcfTask and Wait-VcfTask with several servers' {
    It 'retries a task id on the server that has it, and only there' {
        $failed = @($onlyB | Where-Object { $_.Status -eq 'Failed' -and -not $_.IsCredentialsTask })[0]
        $failed | Should -Not -BeNullOrEmpty
        Clear-BothLogs
        Invoke-VcfTaskRetry -Id $failed.Id -Server $a, $b -Confirm:$false -ErrorVariable errs
        $errs | Should -BeNullOrEmpty
        Format-SimLog (Get-SimLog) | Should -Be @("GET /v1/tasks/$($failed.Id) 404")
        Format-SimLog (Get-SimLog -S $other) | Should -Be @("GET /v1/tasks/$($failed.Id) 200", "PATCH /v1/tasks/$($failed.Id) 200")
    }

    It 'gives one VcfTaskNotFound for an id that no server has, and changes nothing' {
        Clear-BothLogs
        Stop-VcfTask -Id $Missing -Server $a, $b -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        Get-ErrorId $errs | Should -Be @('VcfTaskNotFound')
        @(Get-SimLog) + @(Get-SimLog -S $other) | Where-Object method -ne GET | Should -BeNullOrEmpty
    }

    It 'an unknown name in -Server is one VcfNotConnected for the command, not one per piped id' {
        $ids = @($onlyA | Where-Object { $_.Status -eq 'Failed' -and -not $_.IsCredentialsTask } | Select-Object -First 2).Id
        $ids.Count | Should -Be 2
        Clear-BothLogs
        $ids | Invoke-VcfTaskRetry -Server $a, 'nosuch.rainpole.io' -WhatIf -ErrorVariable errs -ErrorAction SilentlyContinue
        Get-ErrorId $errs | Should -Be @('VcfNotConnected')
        Format-SimLog (Get-SimLog) | Should -Be @($ids | ForEach-Object { "GET /v1/tasks/$_ 200" })
    }

    It 'a piped row whose Server has no open connection gets its own VcfNotConnected, and the rows after it go on' {
        $ids = @($onlyA | Where-Object { $_.Status -eq 'Failed' -and -not $_.IsCredentialsTask } | Select-Object -First 2).Id
        $rows = @(
            [pscustomobject]@{ Id = $ids[0]; Server = $a.Server }
            [pscustomobject]@{ Id = $Missing; Server = 'nosuch.rainpole.io' }
            [pscustomobject]@{ Id = $ids[1]; Server = $a.Server }
        )
        Clear-BothLogs
        $rows | Invoke-VcfTaskRetry -WhatIf -ErrorVariable errs -ErrorAction SilentlyContinue
        Get-ErrorId $errs | Should -Be @('VcfNotConnected')
        $errs[0].TargetObject | Should -Be 'nosuch.rainpole.io'
        Format-SimLog (Get-SimLog) | Should -Be @($ids | ForEach-Object { "GET /v1/tasks/$_ 200" })
    }

    It 'Wait-VcfTask -Id with several servers waits on the server that has the task' {
        $done = @($onlyA | Where-Object { $_.Status -eq 'Successful' })[0]
        $out = @(Wait-VcfTask -Id $done.Id -Server $a, $b -TimeoutSec 30)
        $out.Id | Should -Be $done.Id
        $out.Server | Should -Be $a.Server
    }
}

Describe '-Server wildcards and the default server mode' {
    It '-Server takes wildcards on every cmdlet, matched as Get-VcfSddcManagerConnection matches them' {
        # '127.0.0.1:*' as the issue typed it, in a runspace of its own: this session may hold connections to simulators
        # of other test files that are gone, which the pattern would match too. Two connections to the first server
        # there, so "each server once" is seen.
        $failed = $onlyB[0]
        $onlyB.Count | Should -BeGreaterThan 1
        $done = @($onlyA | Where-Object { $_.Status -eq 'Successful' })[0]
        Clear-BothLogs
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                param($module, $one, $two, $readId, $retryId, $waitId)
                Import-Module $module
                $ErrorActionPreference = 'Stop'
                foreach ($s in $one, $one, $two) { $null = Connect-VcfSddcManager -Server $s.Url -Credential $s.Cred -CertificateThumbprint $s.Thumbprint -Force }
                $pattern = '127.0.0.1:*'
                $listed = @(Get-VcfTask -Server $pattern)
                # Where the requests go is the point here, not what the previews say of the task.
                Invoke-VcfTaskRetry -Id $retryId -Server $pattern -WhatIf -ErrorAction SilentlyContinue
                Stop-VcfTask -Id $retryId -Server $pattern -WhatIf -ErrorAction SilentlyContinue
                [pscustomobject]@{
                    Connections = @(Get-VcfSddcManagerConnection -Server $pattern).Count
                    Servers     = @($listed.Server | Sort-Object -Unique)
                    Count       = $listed.Count
                    ReadFrom    = (Get-VcfTask -Id $readId -Server $pattern).Server
                    WaitedOn    = (Wait-VcfTask -Id $waitId -Server $pattern -TimeoutSec 30).Server
                }
            }).AddArgument($env:VCFTASKS_MODULE)
            foreach ($s in $sim, $other) { $null = $ps.AddArgument([pscustomobject]@{ Url = $s.Url; Thumbprint = $s.Thumbprint; Cred = (Get-VcfSimulatorCredential $s) }) }
            $null = $ps.AddArgument($onlyB[-1].Id).AddArgument($failed.Id).AddArgument($done.Id)
            $r = @($ps.Invoke())[0]
            $ps.Streams.Error | Should -BeNullOrEmpty
        } finally { $ps.Dispose() }
        $r.Connections | Should -Be 3 -Because 'Get-VcfSddcManagerConnection lists every connection the pattern matches'
        $r.Servers | Should -Be (@($a.Server, $b.Server) | Sort-Object)
        $r.Count | Should -Be ($tasksA.Count + $tasksB.Count) -Because 'each server is listed once, whatever number of connections it has'
        $r.ReadFrom | Should -Be $b.Server
        $r.WaitedOn | Should -Be $a.Server
        $byId = { $_.path -eq "/v1/tasks/$($failed.Id)" }
        Format-SimLog (Get-SimLog -S $other | Where-Object $byId) | Should -Be @("GET /v1/tasks/$($failed.Id) 200", "GET /v1/tasks/$($failed.Id) 200")
        Format-SimLog (Get-SimLog | Where-Object $byId) | Should -Be @("GET /v1/tasks/$($failed.Id) 404", "GET /v1/tasks/$($failed.Id) 404")
    }

    It 'a wildcard that matches no connection is VcfNotConnected, not an empty answer' {
        $err = $null
        try { Get-VcfTask -Server 'nosuch-*' -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'VcfNotConnected,VcfTasks.Commands.GetVcfTaskCommand'
        $err.Exception.Message | Should -Be "No open connection matches 'nosuch-*'."
    }

    It 'Set-VcfTasksConfiguration -DefaultServerMode Multiple: commands without -Server use every connection made without -NotDefault' {
        # In a runspace of its own: its connections and its mode are its own, whatever this session holds.
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                param($module, $one, $two)
                Import-Module $module
                $default = Connect-VcfSddcManager -Server $two.Url -Credential $two.Cred -CertificateThumbprint $two.Thumbprint
                $null = Connect-VcfSddcManager -Server $one.Url -Credential $one.Cred -CertificateThumbprint $one.Thumbprint -NotDefault
                $single = @(Get-VcfTask).Server | Sort-Object -Unique
                $configured = Set-VcfTasksConfiguration -DefaultServerMode Multiple -PassThru
                $withoutNotDefault = @(Get-VcfTask).Server | Sort-Object -Unique
                $last = Connect-VcfSddcManager -Server $one.Url -Credential $one.Cred -CertificateThumbprint $one.Thumbprint -Force
                $multiple = @(Get-VcfTask).Server | Sort-Object -Unique
                $read = (Get-VcfTasksConfiguration).DefaultServerMode
                Set-VcfTasksConfiguration Single
                $singleAgain = @(Get-VcfTask).Server | Sort-Object -Unique
                [pscustomobject]@{ Single = @($single); WithoutNotDefault = @($withoutNotDefault); Multiple = @($multiple); SingleAgain = @($singleAgain)
                                   Configured = "$($configured.DefaultServerMode)"; Read = "$read"; Default = "$((Get-VcfSddcManagerConnection -Default).Id)"; Last = $last.Id }
            }).AddArgument($env:VCFTASKS_MODULE)
            foreach ($s in $sim, $other) {
                $null = $ps.AddArgument([pscustomobject]@{ Url = $s.Url; Thumbprint = $s.Thumbprint; Cred = (Get-VcfSimulatorCredential $s) })
            }
            $r = @($ps.Invoke())[0]
            $ps.Streams.Error | Should -BeNullOrEmpty
        } finally { $ps.Dispose() }
        $r.Single | Should -Be @($b.Server) -Because 'Single mode uses the default connection'
        $r.WithoutNotDefault | Should -Be @($b.Server) -Because 'a connection made with -NotDefault is not one of the default connections'
        $r.Multiple | Should -Be (@($a.Server, $b.Server) | Sort-Object)
        $r.SingleAgain | Should -Be @($a.Server) -Because 'back in Single mode, the default connection: the last one made without -NotDefault'
        $r.Configured | Should -Be 'Multiple'
        $r.Read | Should -Be 'Multiple'
        $r.Default | Should -Be $r.Last -Because 'the default connection is still the one Single mode uses'
    }

    It 'Get-VcfTasksConfiguration says Single in a new session, for this session' {
        $c = Get-VcfTasksConfiguration
        "$($c.DefaultServerMode)" | Should -Be 'Single'
        $c.Scope | Should -Be 'Session'
    }
}

Describe 'Get-VcfSddcManagerConnection' {
    It 'lists the open connections newest first, marks the default, and says how each authenticates' {
        $first = Connect-Sim -AsDefault
        $second = Connect-Sim -S $other
        $list = @(Get-VcfSddcManagerConnection)
        $list[0] | Should -Be $second
        $list[1] | Should -Be $first
        $list[0].IsDefault | Should -BeFalse
        $list[1].IsDefault | Should -BeTrue
        @($list | Where-Object IsDefault).Count | Should -Be 1
        $list[0].User | Should -Be $other.Username
        "$($list[0].AuthenticationMethod)" | Should -Be 'Credential'
        "$($list[0].CertificateCheck)" | Should -Be 'Pin'
        $list[0].TokenExpiresAt | Should -BeGreaterThan ([DateTimeOffset]::UtcNow)
        Disconnect-VcfSddcManager -Server $first, $second
        Get-VcfSddcManagerConnection | Should -Not -Contain $first
    }

    It '-Default gives only the default connection' {
        $made = Connect-Sim -AsDefault
        try {
            $d = @(Get-VcfSddcManagerConnection -Default)
            $d.Count | Should -Be 1
            $d[0] | Should -Be $made
            $d[0].IsDefault | Should -BeTrue
        } finally { Disconnect-VcfSddcManager -Server $made }
    }

    It 'shows no token or password, in the table or in every property' {
        $made = Connect-Sim -S $other
        try {
            $text = (Get-VcfSddcManagerConnection | Format-Table | Out-String) + ($made | Format-List * | Out-String) + ($made | ConvertTo-Json -Depth 2 -WarningAction SilentlyContinue)
            $text | Should -Not -Match ([regex]::Escape($other.Password))
            $text | Should -Not -Match 'eyJ'   # the start of every JWT
            (Get-VcfSddcManagerConnection | Format-Table | Out-String) | Should -Match 'Default'
        } finally { Disconnect-VcfSddcManager -Server $made }
    }

    It '-Server filters by name with wildcards; a plain name with no connection is VcfNotConnected' {
        $out = @(Get-VcfSddcManagerConnection -Server $b.Server, '127.0.0.*', 'nosuch.rainpole.io' -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out | Should -Contain $b
        $out | Should -Contain $a
        @($out | Where-Object { $_ -eq $b }).Count | Should -Be 1
        Get-ErrorId $errs | Should -Be @('VcfNotConnected')
    }

    It '-Server takes the URL as the connection writes it (BaseUri, with its trailing slash), as -Server of the other cmdlets does' {
        $url = "$($b.BaseUri)"
        $url | Should -Match '/$'
        $errs = $null
        $out = @(Get-VcfSddcManagerConnection -Server $url -ErrorVariable errs -ErrorAction SilentlyContinue)
        $errs | Should -BeNullOrEmpty
        $out | Should -Be @($b)
        @(Get-VcfTask -Server $url -First 1).Server | Should -Be $b.Server
    }

    It "-Server '[' (not a valid pattern) is VcfInvalidNamePattern for that name, and the other names are still looked up" {
        $out = @(Get-VcfSddcManagerConnection -Server '[', $b.Server -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out | Should -Contain $b
        Get-ErrorId $errs | Should -Be @('VcfInvalidNamePattern')
    }

    It 'its output goes to -Server of the other cmdlets' {
        $out = @(Get-VcfTask -Server (Get-VcfSddcManagerConnection -Server $a.Server, $b.Server) -First 1)
        ($out.Server | Sort-Object) | Should -Be (@($a.Server, $b.Server) | Sort-Object)
    }
}

Describe 'Previews read the task first and tell what the real run would do' {
    It 'Invoke-VcfTaskRetry -Id of a credentials task that has not failed -WhatIf gives VcfTaskNotRetryable, as the real run does, and sends only a GET' {
        Clear-SimLog
        Invoke-VcfTaskRetry -Id $SeedCredentialsId -Server $a -WhatIf -ErrorVariable errs -ErrorAction SilentlyContinue
        Get-ErrorId $errs | Should -Be @('VcfTaskNotRetryable')
        "$($errs[0])" | Should -Match 'is a credentials task that is SUCCESSFUL'
        Format-SimLog (Get-SimLog) | Should -Be @("GET /v1/tasks/$SeedCredentialsId 200")
    }

    It '-WhatIf with an id no server has gives VcfTaskNotFound, for retry and for cancel' {
        Clear-SimLog
        Invoke-VcfTaskRetry -Id $Missing -Server $a -WhatIf -ErrorVariable retryErrs -ErrorAction SilentlyContinue
        Stop-VcfTask -Id $Missing -Server $a -WhatIf -ErrorVariable stopErrs -ErrorAction SilentlyContinue
        Get-ErrorId $retryErrs | Should -Be @('VcfTaskNotFound')
        Get-ErrorId $stopErrs | Should -Be @('VcfTaskNotFound')
        Format-SimLog (Get-SimLog) | Should -Be @("GET /v1/tasks/$Missing 404", "GET /v1/tasks/$Missing 404")
    }

    It 'a retry preview of a task that is not failed gives VcfTaskNotRetryable, the error of the real run' {
        $ok = @($tasksA | Where-Object { $_.Status -eq 'Successful' })[0]
        Clear-SimLog
        Invoke-VcfTaskRetry -Id $ok.Id -Server $a -WhatIf -ErrorVariable previewErrs -ErrorAction SilentlyContinue
        Format-SimLog (Get-SimLog) | Should -Be @("GET /v1/tasks/$($ok.Id) 200")
        Invoke-VcfTaskRetry -Id $ok.Id -Server $a -Confirm:$false -ErrorVariable realErrs -ErrorAction SilentlyContinue
        Get-ErrorId $previewErrs | Should -Be @('VcfTaskNotRetryable')
        Get-ErrorId $realErrs | Should -Be @('VcfTaskNotRetryable')
        $previewErrs[0].TargetObject | Should -Be $ok.Id
    }

    It 'a cancel preview of a task that is not running gives VcfTaskNotCancellable, the error of the real run' {
        $ok = @($tasksA | Where-Object { $_.Status -eq 'Successful' })[0]
        Clear-SimLog
        Stop-VcfTask -Id $ok.Id -Server $a -WhatIf -ErrorVariable previewErrs -ErrorAction SilentlyContinue
        Format-SimLog (Get-SimLog) | Should -Be @("GET /v1/tasks/$($ok.Id) 200")
        Stop-VcfTask -Id $ok.Id -Server $a -Force -ErrorVariable realErrs -ErrorAction SilentlyContinue
        Get-ErrorId $previewErrs | Should -Be @('VcfTaskNotCancellable')
        Get-ErrorId $realErrs | Should -Be @('VcfTaskNotCancellable')
    }

    It 'the preview of a failed task names the task and its status, and sends no PATCH' {
        $failed = @($onlyA | Where-Object { $_.Status -eq 'Failed' -and -not $_.IsCredentialsTask })[0]
        Clear-SimLog
        $preview = Invoke-Preview { Invoke-VcfTaskRetry -Id $failed.Id -Server $a -WhatIf }
        $preview.Errors | Should -BeNullOrEmpty
        $preview.Text | Should -Be @("What if: Performing the operation `"Retry`" on target `"Task '$($failed.Name)' ($($failed.Id), $($failed.Status.Raw)) on $($a.Server)`".")
        Format-SimLog (Get-SimLog) | Should -Be @("GET /v1/tasks/$($failed.Id) 200")
    }

    It 'Import-Csv failed.csv | Invoke-VcfTaskRetry -WhatIf refuses the credentials task that has not failed and previews the failed one' {
        $failed = @($onlyA | Where-Object { $_.Status -eq 'Failed' -and -not $_.IsCredentialsTask })[0]
        $csv = Join-Path $TestDrive 'failed.csv'
        @($failed, ($tasksA | Where-Object Id -eq $SeedCredentialsId)) | Select-Object Id, Name, Status, Server | Export-Csv $csv
        Clear-SimLog
        $preview = Invoke-Preview { Import-Csv $csv | Invoke-VcfTaskRetry -WhatIf }
        Get-ErrorId $preview.Errors | Should -Be @('VcfTaskNotRetryable')
        $preview.Text.Count | Should -Be 1
        $preview.Text[0] | Should -BeLike "*($($failed.Id), Failed) on $($a.Server)*"
        Format-SimLog (Get-SimLog) | Should -Be @("GET /v1/tasks/$($failed.Id) 200", "GET /v1/tasks/$SeedCredentialsId 200")
    }
}
