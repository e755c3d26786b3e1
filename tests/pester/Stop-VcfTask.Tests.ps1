BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    # cancel-flow.fixture.json is recorded against the simulator: the task it cancelled is the one to use.
    $recorded = Get-Content -Raw (Join-Path $env:VCFTASKS_FIXTURES cancel-flow.fixture.json) | ConvertFrom-Json
    $Running = ($recorded.exchanges.request | Where-Object method -eq DELETE | Where-Object path -like '/v1/tasks/*').path -replace '^/v1/tasks/', ''
    $InProgressQuery = 'GET /v1/tasks?pageNumber=0&pageSize=100&taskStatus=IN_PROGRESS'
}

Describe 'Stop-VcfTask' {
    It 'declares high impact, so it asks by default' {
        $meta = [System.Management.Automation.CommandMetadata]::new((Get-Command Stop-VcfTask))
        $meta.ConfirmImpact | Should -Be 'High'
        $meta.SupportsShouldProcess | Should -BeTrue
    }

    It 'cancels a running task with -Confirm:$false and -PassThru emits it cancelled' {
        $conn = Connect-Fixture cancel-flow.fixture.json
        $out = Get-VcfTask -Status 'In Progress' | Stop-VcfTask -Confirm:$false -PassThru
        $out.Id | Should -Be $Running
        $out.Status -eq 'Cancelled' | Should -BeTrue
        $conn.ReplayedRequests | Should -Be @($InProgressQuery, "DELETE /v1/tasks/$Running", "GET /v1/tasks/$Running")
    }

    It 'cancels without asking with -Force' {
        $conn = Connect-Fixture cancel-flow.fixture.json
        Get-VcfTask -Status IN_PROGRESS | Stop-VcfTask -Force
        $conn.ReplayedRequests | Should -Be @($InProgressQuery, "DELETE /v1/tasks/$Running")
    }

    It 'sends no DELETE with -WhatIf, even with -Force; an id is read first and its state decides, as in the real run' {
        $conn = Connect-Fixture cancel-flow.fixture.json
        Get-VcfTask -Status IN_PROGRESS | Stop-VcfTask -WhatIf -Force
        # The fixture holds this task only as it was after the cancel: CANCELLED, which the real run could not cancel.
        Stop-VcfTask -Id $Running -WhatIf -ErrorVariable errs -ErrorAction SilentlyContinue
        Get-ErrorId $errs | Should -Be @('VcfTaskNotCancellable')
        $conn.ReplayedRequests | Should -Be @($InProgressQuery, "GET /v1/tasks/$Running")
    }

    It 'asks (and sends nothing when refused) when the preference says so' {
        $conn = Connect-Fixture cancel-flow.fixture.json
        $ps = [powershell]::Create()
        try {
            # A host that cannot prompt: ShouldProcess must ask, and a non-interactive refusal sends nothing.
            $null = $ps.AddScript("Import-Module '$env:VCFTASKS_MODULE'; `$c = Connect-VcfSddcManager -Server x -FixturePath '$($conn.FixturePath)'; try { Get-VcfTask -Status IN_PROGRESS | Stop-VcfTask } catch { `$_.FullyQualifiedErrorId }; `$c.ReplayedRequests")
            $out = $ps.Invoke()
        } finally { $ps.Dispose() }
        # The host cannot prompt, so asking fails: proof that it asked. Nothing was sent after the listing.
        $out | Should -Be @('HostFunctionNotImplemented,VcfTasks.Commands.StopVcfTaskCommand', $InProgressQuery)
    }

    It 'gives VcfTaskNotCancellable with -Force for a task that is not IN_PROGRESS, saying what it is and what the API allows, and sends no DELETE' {
        $done = 'c0ffee00-1111-4222-8333-444455556666'
        $conn = Connect-Fixture errors.fixture.json
        Stop-VcfTask -Id $done -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        Get-ErrorId $errs | Should -Be @('VcfTaskNotCancellable')
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $errs[0].Exception.Message | Should -BeLike "Task 'Upgrade of SDDC Manager' ($done) on sfo-vcf01.rainpole.io cannot be cancelled: it is SUCCESSFUL, and SDDC Manager cancels only an IN_PROGRESS task.*"
        $errs[0].ErrorDetails.RecommendedAction | Should -Be "SDDC Manager cancels only an IN_PROGRESS task: see its status with Get-VcfTask -Id $done."
        $conn.ReplayedRequests | Should -Be @("GET /v1/tasks/$done")
    }

    It 'gives VcfTaskNotCancellable for a 409 (the task ended after it was read), with the server code and reference token' {
        $ended = 'e0ded000-0000-4000-8000-000000000409'
        $path = Join-Path $TestDrive 'ended.json'
        @{ exchanges = @(
                @{ request = @{ method = 'GET'; path = "/v1/tasks/$ended" }; response = @{ status = 200; body = @{ id = $ended; name = 'Add host'; status = 'IN_PROGRESS'; isCancellable = $true } } }
                @{ request = @{ method = 'DELETE'; path = "/v1/tasks/$ended" }; response = @{ status = 409; body = @{ errorCode = 'TA_TASK_CAN_NOT_BE_CANCELLED'; message = 'Task can not be cancelled. Only a IN_PROGRESS task can be cancelled.'; referenceToken = '7HJ2KE' } } }
            ) } | ConvertTo-Json -Depth 8 | Set-Content $path
        $conn = Connect-Fixture $path
        Stop-VcfTask -Id $ended -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        Get-ErrorId $errs | Should -Be @('VcfTaskNotCancellable')
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $errs[0].Exception.HttpStatus | Should -Be 409
        $errs[0].Exception.ServerErrorCode | Should -Be 'TA_TASK_CAN_NOT_BE_CANCELLED'
        $errs[0].Exception.ReferenceToken | Should -Be '7HJ2KE'
        $errs[0].Exception.Message | Should -BeLike "SDDC Manager sfo-vcf01.rainpole.io refused the cancellation of task '$ended': Task can not be cancelled.*"
        $errs[0].ErrorDetails.RecommendedAction | Should -Be "SDDC Manager cancels only an IN_PROGRESS task: see its status with Get-VcfTask -Id $ended."
        $conn.ReplayedRequests | Should -Be @("GET /v1/tasks/$ended", "DELETE /v1/tasks/$ended")
    }

    It 'gives VcfTaskNotFound for a missing id and sends no DELETE' {
        $conn = Connect-Fixture errors.fixture.json
        Stop-VcfTask -Id '00000000-0000-0000-0000-000000000404' -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        Get-ErrorId $errs | Should -Be @('VcfTaskNotFound')
        $conn.ReplayedRequests | Should -Be @('GET /v1/tasks/00000000-0000-0000-0000-000000000404')
    }

    It '-Force says in the verbose stream what it did without asking' {
        # The flow with the task read by id (IN_PROGRESS) before its DELETE, as Stop-VcfTask -Id reads it.
        $path = New-ReadFirstFixture cancel-flow.fixture.json
        try {
            $conn = Connect-Fixture $path
            $verbose = Stop-VcfTask -Id $Running -Force -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
            ($verbose.Message -join "`n") | Should -Match 'Performing the operation "Cancel" on target .*not asked'
            $conn.ReplayedRequests | Should -Be @("GET /v1/tasks/$Running", "DELETE /v1/tasks/$Running")
        }
        finally { Remove-Item $path -ErrorAction SilentlyContinue }
    }
}

Describe 'Stop-VcfTask: -Force skips the question, never the check (simulator)' {
    BeforeAll {
        Import-Module (Join-Path $env:VCFTASKS_REPO 'tools/VcfSimulator.psm1') -Force
        # Tasks that stay as generated for the length of the test (steps of a minute): running credentials tasks
        # are IN_PROGRESS and marked not cancellable (isCancellable false).
        $sim = Start-VcfSimulator -Tasks 300 -Seed 7 -StepMs 60000 -RetryFailurePercent 0
        $conn = Connect-Sim
        $stuck = @(Get-VcfTask -Server $conn -Status IN_PROGRESS | Where-Object { -not $_.IsCancellable })[0]
        $failed = @(Get-VcfTask -Server $conn -Status FAILED)[0]
    }
    AfterAll {
        if ($conn) { Disconnect-VcfSddcManager -Server $conn -Confirm:$false }
        if ($sim) { Stop-VcfSimulator $sim }
    }

    It 'a running task the server marks not cancellable: -WhatIf, -Force -Confirm:$false and a piped object all give the same VcfTaskNotCancellable, and no DELETE is sent' {
        $stuck | Should -Not -BeNullOrEmpty -Because 'the generated tasks hold running credentials tasks'
        $since = Get-SimMarker
        Stop-VcfTask -Id $stuck.Id -Server $conn -WhatIf -ErrorVariable preview -ErrorAction SilentlyContinue
        Stop-VcfTask -Id $stuck.Id -Server $conn -Force -Confirm:$false -ErrorVariable run -ErrorAction SilentlyContinue
        $stuck | Stop-VcfTask -Force -ErrorVariable piped -ErrorAction SilentlyContinue
        Get-ErrorId (@($preview) + @($run) + @($piped)) | Should -Be @('VcfTaskNotCancellable', 'VcfTaskNotCancellable', 'VcfTaskNotCancellable')
        $run[0].Exception.Message | Should -Be $preview[0].Exception.Message
        $piped[0].Exception.Message | Should -Be $preview[0].Exception.Message
        # A credentials task is cancelled through the credentials API, which cancels only a FAILED one (issue 15).
        $run[0].Exception.Message | Should -BeLike "Task '$($stuck.Name)' ($($stuck.Id)) on $($conn.Server) is a credentials task that is IN_PROGRESS: SDDC Manager cancels only a FAILED password operation, which abandons it; a running one cannot be cancelled through the API. Nothing was sent.*"
        $run[0].Exception.Message | Should -Not -BeLike '*only an IN_PROGRESS task*'
        $run[0].ErrorDetails.RecommendedAction | Should -Be "Wait for it to end (Wait-VcfTask -Id $($stuck.Id)); if it fails, cancel it then or retry it with Invoke-VcfTaskRetry."
        # The two ids were read (a GET each); the piped object was not read again; nothing else reached the server.
        Format-SimLog (Get-SimLogSince -Since $since) | Should -Be @("GET /v1/tasks/$($stuck.Id) 200", "GET /v1/tasks/$($stuck.Id) 200")
    }

    It 'a FAILED task: -Force -Confirm:$false gives the preview''s VcfTaskNotCancellable, saying it is FAILED and what the API allows; no DELETE' {
        $since = Get-SimMarker
        Stop-VcfTask -Id $failed.Id -Server $conn -WhatIf -ErrorVariable preview -ErrorAction SilentlyContinue
        Stop-VcfTask -Id $failed.Id -Server $conn -Force -Confirm:$false -ErrorVariable run -ErrorAction SilentlyContinue
        Get-ErrorId (@($preview) + @($run)) | Should -Be @('VcfTaskNotCancellable', 'VcfTaskNotCancellable')
        $run[0].Exception.Message | Should -Be $preview[0].Exception.Message
        $run[0].Exception.Message | Should -BeLike "*cannot be cancelled: it is FAILED, and SDDC Manager cancels only an IN_PROGRESS task.*"
        Format-SimLog (Get-SimLogSince -Since $since) | Should -Be @("GET /v1/tasks/$($failed.Id) 200", "GET /v1/tasks/$($failed.Id) 200")
    }
}
