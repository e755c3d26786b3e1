# The module against a real HTTPS server: the simulator, started on a free loopback port for this file.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $env:VCFTASKS_REPO 'tools/VcfSimulator.psm1') -Force
    # Subtasks of a second: a retried task is still IN_PROGRESS when -PassThru reads it, even on a busy machine.
    $sim = Start-VcfSimulator -Tasks 1000 -Seed 7 -StepMs 1000 -RetryFailurePercent 0
    $cred = Get-VcfSimulatorCredential $sim
}
AfterAll { if ($sim) { Stop-VcfSimulator $sim } }

Describe 'Certificates against the simulator''s self-signed certificate' {
    It 'refuses it by default with VcfCertificateUntrusted (SecurityError) and sends no credentials' {
        Clear-SimLog
        $err = $null
        try { Connect-VcfSddcManager -Server $sim.Url -Credential $cred -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'VcfCertificateUntrusted,VcfTasks.Commands.ConnectVcfSddcManagerCommand'
        $err.CategoryInfo.Category | Should -Be 'SecurityError'
        $err.Exception.Message | Should -Match $sim.Thumbprint
        Get-SimLog | Should -BeNullOrEmpty
    }

    It 'accepts it with -SkipCertificateCheck' {
        $c = Connect-VcfSddcManager -Server $sim.Url -Credential $cred -SkipCertificateCheck -NotDefault
        $c.CertificateCheck | Should -Be 'Skip'
        @(Get-VcfTask -Server $c -First 1).Count | Should -Be 1
    }

    It 'accepts it with the right SHA-256 thumbprint and with the right SHA-1 thumbprint' {
        $c = Connect-VcfSddcManager -Server $sim.Url -Credential $cred -CertificateThumbprint $sim.Thumbprint -NotDefault
        @(Get-VcfTask -Server $c -First 1).Count | Should -Be 1
        $c1 = Connect-VcfSddcManager -Server $sim.Url -Credential $cred -CertificateThumbprint $sim.ThumbprintSha1 -NotDefault
        @(Get-VcfTask -Server $c1 -First 1).Count | Should -Be 1
    }

    It 'refuses a wrong thumbprint with VcfCertificateUntrusted' {
        { Connect-VcfSddcManager -Server $sim.Url -Credential $cred -CertificateThumbprint ('AB' * 32) -ErrorAction Stop } |
            Should -Throw -ErrorId 'VcfCertificateUntrusted,VcfTasks.Commands.ConnectVcfSddcManagerCommand'
    }

    It 'skips the check for that connection only: a second connection still refuses' {
        $null = Connect-VcfSddcManager -Server $sim.Url -Credential $cred -SkipCertificateCheck -NotDefault
        { Connect-VcfSddcManager -Server $sim.Url -Credential $cred -ErrorAction Stop } |
            Should -Throw -ErrorId 'VcfCertificateUntrusted,VcfTasks.Commands.ConnectVcfSddcManagerCommand'
    }
}

Describe 'Authentication against the simulator' {
    It 'gives VcfAuthenticationFailed for a wrong password' {
        $bad = [pscredential]::new($sim.Username, (ConvertTo-SecureString 'wrong-password' -AsPlainText -Force))
        { Connect-VcfSddcManager -Server $sim.Url -Credential $bad -CertificateThumbprint $sim.Thumbprint -ErrorAction Stop } |
            Should -Throw -ErrorId 'VcfAuthenticationFailed,VcfTasks.Commands.ConnectVcfSddcManagerCommand'
    }

    It 'names the server as host:port in the message of a refused login, as the connection does' {
        $bad = [pscredential]::new($sim.Username, (ConvertTo-SecureString 'wrong-password' -AsPlainText -Force))
        $err = $null
        try { Connect-VcfSddcManager -Server $sim.Url -Credential $bad -CertificateThumbprint $sim.Thumbprint -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'VcfAuthenticationFailed,VcfTasks.Commands.ConnectVcfSddcManagerCommand'
        $hostPort = ([uri]$sim.Url).Authority
        $hostPort | Should -Match ':\d+$'
        $err.Exception.Message | Should -BeLike "SDDC Manager $hostPort refused user '$($sim.Username)'*"
    }

    It 'connects with an API key' {
        $c = Connect-VcfSddcManager -Server $sim.Url -ApiKey (ConvertTo-SecureString $sim.ApiKey -AsPlainText -Force) -CertificateThumbprint $sim.Thumbprint -NotDefault
        $c.AuthenticationMethod | Should -Be 'ApiKey'
        @(Get-VcfTask -Server $c -First 1).Count | Should -Be 1
    }

    It 'Disconnect revokes the refresh token on the server' {
        $c = Connect-VcfSddcManager -Server $sim.Url -Credential $cred -CertificateThumbprint $sim.Thumbprint -NotDefault
        Clear-SimLog
        Disconnect-VcfSddcManager -Server $c
        (Format-SimLog (Get-SimLog)) | Should -Be @('DELETE /v1/tokens/refresh-token 204')
    }
}

Describe 'Listing 1,000 tasks' {
    BeforeAll { $null = Connect-Sim -AsDefault }

    It 'returns exactly the simulator''s ids, in its order, each once, in ten requests' {
        Clear-SimLog
        $ids = @(Get-VcfTask).Id
        $expected = @(Invoke-VcfSimulatorControl $sim GET /_sim/tasks)
        $ids.Count | Should -Be 1000
        ($ids | Select-Object -Unique).Count | Should -Be 1000
        $ids | Should -Be $expected
        $log = Get-SimLog
        $log.Count | Should -Be 10
        # Pages are requested side by side, so they may reach the server in any order.
        $log.query | Sort-Object { [int]($_ -replace '^\?pageNumber=(\d+).*$', '$1') } | Should -Be @(0..9 | ForEach-Object { "?pageNumber=$_&pageSize=100" })
    }

    It '-ThrottleLimit <Limit> lists the same ids in the same order, one request per page' -ForEach @(@{ Limit = 1 }, @{ Limit = 16 }) {
        $expected = @(Invoke-VcfSimulatorControl $sim GET /_sim/tasks)
        $before = Get-SimMarker
        @(Get-VcfTask -ThrottleLimit $Limit).Id | Should -Be $expected
        $log = Get-SimLogSince $before
        $log.Count | Should -Be 10
        @($log.query | Sort-Object -Unique).Count | Should -Be 10
    }

    It '-ThrottleLimit 1 requests the pages one after another, in order' {
        Clear-SimLog
        $null = Get-VcfTask -ThrottleLimit 1
        (Get-SimLog).query | Should -Be @(0..9 | ForEach-Object { "?pageNumber=$_&pageSize=100" })
    }

    It '-First <First> -ThrottleLimit 16 makes <Requests> request(s): none the output cannot need' -ForEach @(
        @{ First = 5; Requests = 1 }, @{ First = 150; Requests = 2 }, @{ First = 201; Requests = 3 }
    ) {
        # Counted by request numbers (see Get-SimMarker): a page asked for ahead and then cancelled may be logged
        # only after the listing has returned, so a count of the log just after it could miss it.
        $before = Get-SimMarker
        @(Get-VcfTask -First $First -ThrottleLimit 16).Count | Should -Be $First
        (Get-SimMarker) - $before | Should -Be ($Requests + 1) -Because "$Requests request(s) reach the server between the two markers"
    }

    It 'a 429 with Retry-After narrows the window to one page at a time and the listing completes' {
        $before = Get-SimMarker
        Add-SimFault @{ method = 'GET'; path = '/v1/tasks'; kind = 'status'; status = 429; count = 3; headers = @{ 'Retry-After' = '0' } }
        $verbose = @()
        $ids = @(Get-VcfTask -ThrottleLimit 8 -Verbose 4>&1 | ForEach-Object { if ($_ -is [System.Management.Automation.VerboseRecord]) { $verbose += $_.Message } else { $_.Id } })
        $ids | Should -Be @(Invoke-VcfSimulatorControl $sim GET /_sim/tasks)
        $verbose | Should -Contain 'HTTP 429 on a page: at most 1 page request(s) in flight from now on.'
        $log = Get-SimLogSince $before
        @($log | Where-Object status -eq 429).Count | Should -Be 3
        @($log | Where-Object status -eq 200).Count | Should -Be 10
    }

    It 'Status compares equal across the casings the simulator sends' {
        $all = @(Get-VcfTask)
        $failed = @($all | Where-Object Status -eq Failed)
        $raw = @($failed.Status.Raw | Sort-Object -Unique -CaseSensitive)
        $raw -ccontains 'FAILED' | Should -BeTrue
        $raw -ccontains 'Failed' | Should -BeTrue
        @($all | Where-Object Status -eq 'In Progress').Status.Raw | Sort-Object -Unique -CaseSensitive | Should -Be @('In Progress', 'IN_PROGRESS')
    }
}

Describe 'Every filter, sent to the server and matching the full listing' {
    BeforeAll {
        $null = Connect-Sim -AsDefault
        $all = @(Get-VcfTask)
    }

    It '-Status <Status> sends taskStatus=<Api> and returns the matching tasks' -ForEach @(
        @{ Status = 'Failed'; Api = 'FAILED' }, @{ Status = 'In Progress'; Api = 'IN_PROGRESS' }, @{ Status = 'Successful'; Api = 'SUCCESSFUL' }
    ) {
        Clear-SimLog
        $got = @(Get-VcfTask -Status $Status).Id
        $got | Should -Be @($all | Where-Object Status -eq $Status).Id
        $got.Count | Should -BeGreaterThan 0
        (Get-SimLog)[0].query | Should -Match "taskStatus=$Api"
    }

    It '-Name sends taskName and matches names containing the text' {
        Clear-SimLog
        $got = @(Get-VcfTask -Name 'commission').Id
        $got | Should -Be @($all | Where-Object Name -like '*commission*').Id
        $got.Count | Should -BeGreaterThan 0
        (Get-SimLog)[0].query | Should -Match 'taskName=commission'
    }

    It '-Type sends taskType' {
        $type = ($all | Where-Object Type | Select-Object -First 1).Type
        @(Get-VcfTask -Type $type).Id | Should -Be @($all | Where-Object Type -eq $type).Id
    }

    It '-ResourceType and -ResourceId send resourceType and resourceId' {
        $r = ($all | Where-Object { $_.Resources } | Select-Object -First 1).Resources[0]
        @(Get-VcfTask -ResourceType $r.Type).Id | Should -Be @($all | Where-Object { $_.Resources.Type -contains $r.Type }).Id
        @(Get-VcfTask -ResourceId $r.ResourceId).Id | Should -Be @($all | Where-Object { $_.Resources.ResourceId -contains $r.ResourceId }).Id
    }

    It '-CompletedAfter sends completedAfter in epoch milliseconds' {
        $cut = ($all | Where-Object CompletionTimestamp | Sort-Object CompletionTimestamp)[200].CompletionTimestamp
        Clear-SimLog
        # A task's time is a local [DateTime]: given back as it is, it names the same moment.
        $got = @(Get-VcfTask -CompletedAfter $cut).Id
        $got | Should -Be @($all | Where-Object { $_.CompletionTimestamp -and $_.CompletionTimestamp -gt $cut }).Id
        (Get-SimLog)[0].query | Should -Match "completedAfter=$(([DateTimeOffset]$cut).ToUnixTimeMilliseconds())"
    }
}

Describe 'Retry and cancel flows' {
    BeforeAll { $null = Connect-Sim -AsDefault }

    It 'a retried task goes IN_PROGRESS, runs its subtasks and ends SUCCESSFUL' {
        $task = Get-VcfTask -Status Failed | Where-Object { $_.IsRetryable -and -not $_.IsCredentialsTask } | Select-Object -First 1
        Clear-SimLog
        $after = $task | Invoke-VcfTaskRetry -PassThru
        $after.Id | Should -Be $task.Id
        $after.Status -eq 'In Progress' | Should -BeTrue
        (Format-SimLog (Get-SimLog)) | Should -Be @("PATCH /v1/tasks/$($task.Id) 200", "GET /v1/tasks/$($task.Id) 200")
        $seen = [System.Collections.Generic.List[string]]::new()
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        do { $now = Get-VcfTask -Id $task.Id; $seen.Add($now.Status.ToString()); Start-Sleep -Milliseconds 50 } until ($now.IsComplete -or [DateTime]::UtcNow -gt $deadline)
        $now.Status -eq 'Successful' | Should -BeTrue
        $seen | Should -Contain 'InProgress'
        $now.SubTasksDone | Should -Be $now.SubTaskCount
    }

    It 'a second retry of a task that is no longer failed gives VcfTaskNotRetryable (409)' {
        $task = Get-VcfTask -Status Failed | Where-Object { $_.IsRetryable -and -not $_.IsCredentialsTask } | Select-Object -First 1
        $task | Invoke-VcfTaskRetry
        $task | Invoke-VcfTaskRetry -ErrorVariable errs -ErrorAction SilentlyContinue
        Get-ErrorId $errs | Should -Be @('VcfTaskNotRetryable')
        $errs[0].Exception.HttpStatus | Should -Be 409
    }

    It 'cancels an in-progress task: Stop-VcfTask -Force -PassThru shows it CANCELLED' {
        $task = Get-VcfTask -Status 'In Progress' | Where-Object IsCancellable | Select-Object -First 1
        $after = $task | Stop-VcfTask -Force -PassThru
        $after.Status -eq 'Cancelled' | Should -BeTrue
        $after.IsCancellable | Should -BeFalse
    }

    It 'a cancel of a finished task gives VcfTaskNotCancellable and sends no DELETE, even with -Force' {
        $task = Get-VcfTask -Status Successful -First 1
        $since = Get-SimMarker
        $task | Stop-VcfTask -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        Get-ErrorId $errs | Should -Be @('VcfTaskNotCancellable')
        @(Get-SimLogSince -Since $since) | Should -BeNullOrEmpty
    }

    It 'a missing id gives VcfTaskNotFound for get, retry and cancel' {
        $id = [guid]::NewGuid().ToString()
        Get-VcfTask -Id $id -ErrorVariable e1 -ErrorAction SilentlyContinue
        Invoke-VcfTaskRetry -Id $id -ErrorVariable e2 -ErrorAction SilentlyContinue
        Stop-VcfTask -Id $id -Force -ErrorVariable e3 -ErrorAction SilentlyContinue
        Get-ErrorId (@($e1) + @($e2) + @($e3)) | Should -Be @('VcfTaskNotFound', 'VcfTaskNotFound', 'VcfTaskNotFound')
    }
}

Describe 'The headline pipeline on 200 tasks' {
    BeforeAll {
        $small = Start-VcfSimulator -Tasks 200 -Seed 11 -StepMs 100 -RetryFailurePercent 0
        $null = Connect-VcfSddcManager -Server $small.Url -Credential (Get-VcfSimulatorCredential $small) -CertificateThumbprint $small.Thumbprint
    }
    AfterAll { Stop-VcfSimulator $small }

    It 'retries every failed task once, each through its own API; each failed password UPDATE gets VcfCredentialsSpecRequired' {
        $failed = @(Get-VcfTask -Status Failed)
        $retryable = @($failed | Where-Object { -not $_.IsCredentialsTask })
        $credentials = @($failed | Where-Object IsCredentialsTask | Get-VcfCredentialTask)
        # An UPDATE needs new passwords, which the server does not give back: refused, nothing sent.
        $updates = @($credentials | Where-Object OperationType -eq 'UPDATE')
        $sent = @($credentials | Where-Object OperationType -ne 'UPDATE')
        $null = Invoke-VcfSimulatorControl $small DELETE /_sim/requests
        Get-VcfTask -Status Failed | Invoke-VcfTaskRetry -ErrorVariable errs -ErrorAction SilentlyContinue
        $patches = @(Invoke-VcfSimulatorControl $small GET /_sim/requests | Where-Object method -eq PATCH)
        ($patches | ForEach-Object { "$($_.path) $($_.status)" } | Sort-Object) |
            Should -Be (@($retryable.Id | ForEach-Object { "/v1/tasks/$_ 200" }) + @($sent.Id | ForEach-Object { "/v1/credentials/tasks/$_ 202" }) | Sort-Object)
        Get-ErrorId $errs | Should -Be @($updates | ForEach-Object { 'VcfCredentialsSpecRequired' })
        @($errs.TargetObject) | Should -Be @($updates.Id)
        $retryable.Count | Should -BeGreaterThan 5
        $sent.Count | Should -BeGreaterThan 0
    }
}

Describe 'Recording a connection for offline replay' {
    It 'writes every exchange without the password, tokens or Authorization, and the recording replays' {
        $file = Join-Path $TestDrive 'recorded.json'
        $c = Connect-VcfSddcManager -Server $sim.Url -Credential $cred -CertificateThumbprint $sim.Thumbprint -RecordPath $file -NotDefault
        $live = @(Get-VcfTask -Server $c -Status Failed -First 3)
        $one = Get-VcfTask -Server $c -Id $live[0].Id
        Disconnect-VcfSddcManager -Server $c
        $text = Get-Content -Raw $file
        $text | Should -Not -Match ([regex]::Escape($sim.Password))
        $text | Should -Not -Match 'eyJ[A-Za-z0-9_-]+\.'
        $text | Should -Not -Match '(?i)authorization'
        $text | Should -Match 'REDACTED-ACCESS-TOKEN'

        $replay = Connect-VcfSddcManager -Server replay.rainpole.io -FixturePath $file -NotDefault
        @(Get-VcfTask -Server $replay -Status Failed -First 3).Id | Should -Be $live.Id
        (Get-VcfTask -Server $replay -Id $live[0].Id).Status.Raw | Should -BeExactly $one.Status.Raw
    }
}
