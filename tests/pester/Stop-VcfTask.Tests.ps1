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

    It 'gives VcfTaskNotCancellable for a 409' {
        $null = Connect-Fixture errors.fixture.json
        Stop-VcfTask -Id 'c0ffee00-1111-4222-8333-444455556666' -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        Get-ErrorId $errs | Should -Be @('VcfTaskNotCancellable')
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $errs[0].Exception.ServerErrorCode | Should -Be 'TA_TASK_CAN_NOT_BE_CANCELLED'
        $errs[0].Exception.ReferenceToken | Should -Be '7HJ2KE'
    }

    It 'gives VcfTaskNotFound for a missing id and sends no DELETE' {
        $conn = Connect-Fixture errors.fixture.json
        Stop-VcfTask -Id '00000000-0000-0000-0000-000000000404' -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        Get-ErrorId $errs | Should -Be @('VcfTaskNotFound')
        $conn.ReplayedRequests | Should -Be @('GET /v1/tasks/00000000-0000-0000-0000-000000000404')
    }

    It '-Force says in the verbose stream what it did without asking' {
        $null = Connect-Fixture cancel-flow.fixture.json
        $verbose = Stop-VcfTask -Id $Running -Force -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($verbose.Message -join "`n") | Should -Match 'Performing the operation "Cancel" on target .*not asked'
    }
}
