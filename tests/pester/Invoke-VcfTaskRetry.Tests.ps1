BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $Missing = '00000000-0000-0000-0000-000000000404'
    $Successful = 'c0ffee00-1111-4222-8333-444455556666'
    # retry-flow.fixture.json is recorded against the simulator, whose seed tasks include two failed ones.
    $FailedIds = @($SeedFailedId, $SeedGetId)
    $Patches = @($FailedIds | ForEach-Object { "PATCH /v1/tasks/$_" })
    # The same flow with each task read by id (FAILED) before its PATCH, for the tests that pass ids.
    $RetryById = New-ReadFirstFixture retry-flow.fixture.json
}

AfterAll { Remove-Item $RetryById -ErrorAction SilentlyContinue }

Describe 'Invoke-VcfTaskRetry' {
    It 'retries exactly the failed tasks of the listing (the headline pipeline)' {
        $conn = Connect-Fixture retry-flow.fixture.json
        $listed = @(Get-VcfTask)
        @($listed | Where-Object Status -eq Failed).Id | Should -Be $FailedIds
        $out = $listed | Where-Object Status -eq Failed | Invoke-VcfTaskRetry -Confirm:$false
        $out | Should -BeNullOrEmpty
        $conn.ReplayedRequests | Should -Be (@($ListQuery) + $Patches)
    }

    It '-PassThru emits the task as read again after the retry' {
        $conn = Connect-Fixture retry-flow.fixture.json
        $out = @(Get-VcfTask | Where-Object Status -eq Failed | Invoke-VcfTaskRetry -PassThru)
        $out.Id | Should -Be $FailedIds
        $out | ForEach-Object { $_.Status -eq 'IN_PROGRESS' | Should -BeTrue }
        $conn.ReplayedRequests | Should -Be @($ListQuery, $Patches[0], "GET /v1/tasks/$SeedFailedId", $Patches[1], "GET /v1/tasks/$SeedGetId")
    }

    It '-WhatIf sends no PATCH: task objects are previewed as they are, an id is read first (a GET changes nothing)' {
        $conn = Connect-Fixture retry-flow.fixture.json
        $tasks = @(Get-VcfTask)
        $tasks | Where-Object Status -eq Failed | Invoke-VcfTaskRetry -WhatIf
        # The fixture holds this task only as read after its retry (IN_PROGRESS), which the real run could not retry.
        Invoke-VcfTaskRetry -Id $SeedFailedId -WhatIf -ErrorVariable errs -ErrorAction SilentlyContinue
        Get-ErrorId $errs | Should -Be @('VcfTaskNotRetryable')
        $conn.ReplayedRequests | Should -Be @($ListQuery, "GET /v1/tasks/$SeedFailedId")
    }

    It 'by -Id reads the task first, then sends one PATCH' {
        $conn = Connect-Fixture $RetryById
        Invoke-VcfTaskRetry -Id $SeedFailedId
        $conn.ReplayedRequests | Should -Be @("GET /v1/tasks/$SeedFailedId", "PATCH /v1/tasks/$SeedFailedId")
    }

    It 'gives VcfTaskNotRetryable for a piped credentials task that has not failed, saying it is a credentials task, and sends nothing' {
        $conn = Connect-Fixture seed.fixture.json
        $cred = Get-VcfTask | Where-Object IsCredentialsTask
        $cred | Invoke-VcfTaskRetry -ErrorVariable errs -ErrorAction SilentlyContinue
        Get-ErrorId $errs | Should -Be @('VcfTaskNotRetryable')
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $errs[0].TargetObject | Should -Be $SeedCredentialsId
        "$($errs[0])" | Should -Match 'is a credentials task that is SUCCESSFUL: SDDC Manager retries a password operation only when it has FAILED'
        $conn.ReplayedRequests | Should -Be @($ListQuery)
    }

    It 'gives VcfTaskNotRetryable for the id of a credentials task that has not failed, after its GET only' {
        $conn = Connect-Fixture errors.fixture.json
        Invoke-VcfTaskRetry -Id $SeedCredentialsId -ErrorVariable errs -ErrorAction SilentlyContinue
        Get-ErrorId $errs | Should -Be @('VcfTaskNotRetryable')
        $conn.ReplayedRequests | Should -Be @("GET /v1/tasks/$SeedCredentialsId")
    }

    It 'gives VcfTaskNotRetryable for a task that is not FAILED before any PATCH, saying what it is and what the API allows' {
        $conn = Connect-Fixture errors.fixture.json
        Invoke-VcfTaskRetry -Id $Successful -ErrorVariable errs -ErrorAction SilentlyContinue
        Get-ErrorId $errs | Should -Be @('VcfTaskNotRetryable')
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $errs[0].TargetObject | Should -Be $Successful
        $errs[0].Exception.Message | Should -BeLike "Task 'Upgrade of SDDC Manager' ($Successful) on sfo-vcf01.rainpole.io cannot be retried: it is SUCCESSFUL, and SDDC Manager retries only a FAILED task.*"
        $errs[0].ErrorDetails.RecommendedAction | Should -Be "SDDC Manager retries only a FAILED task: see its status with Get-VcfTask -Id $Successful."
        # The real run checks what the preview checks: the task is read, and no PATCH is sent.
        $conn.ReplayedRequests | Should -Be @("GET /v1/tasks/$Successful")
    }

    It 'gives VcfTaskNotRetryable for a 409 (the task changed after it was read), with the server code, reference token and remediation' {
        $changed = 'c4a0ed00-0000-4000-8000-000000000409'
        $path = Join-Path $TestDrive 'changed.json'
        @{ exchanges = @(
                @{ request = @{ method = 'GET'; path = "/v1/tasks/$changed" }; response = @{ status = 200; body = @{ id = $changed; name = 'Add host'; status = 'FAILED' } } }
                @{ request = @{ method = 'PATCH'; path = "/v1/tasks/$changed" }; response = @{ status = 409; body = @{ errorCode = 'TA_TASK_CAN_NOT_BE_RETRIED'; message = 'Task can not be retried. Only a failed Task can be retried.'; remediationMessage = 'Retry only a task whose status is FAILED.'; referenceToken = '7HJ2KD' } } }
            ) } | ConvertTo-Json -Depth 8 | Set-Content $path
        $conn = Connect-Fixture $path
        Invoke-VcfTaskRetry -Id $changed -ErrorVariable errs -ErrorAction SilentlyContinue
        Get-ErrorId $errs | Should -Be @('VcfTaskNotRetryable')
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $errs[0].Exception.HttpStatus | Should -Be 409
        $errs[0].Exception.ServerErrorCode | Should -Be 'TA_TASK_CAN_NOT_BE_RETRIED'
        $errs[0].Exception.ReferenceToken | Should -Be '7HJ2KD'
        $errs[0].Exception.Message | Should -BeLike "SDDC Manager sfo-vcf01.rainpole.io refused the retry of task '$changed': Task can not be retried. Only a failed Task can be retried.*"
        $errs[0].ErrorDetails.RecommendedAction | Should -Be 'Retry only a task whose status is FAILED.'
        $conn.ReplayedRequests | Should -Be @("GET /v1/tasks/$changed", "PATCH /v1/tasks/$changed")
    }

    It 'gives VcfTaskNotFound for a missing id' {
        $null = Connect-Fixture errors.fixture.json
        Invoke-VcfTaskRetry -Id $Missing -ErrorVariable errs -ErrorAction SilentlyContinue
        Get-ErrorId $errs | Should -Be @('VcfTaskNotFound')
    }

    It 'acts on the server each task came from, not the default connection' {
        $a = Connect-Fixture retry-flow.fixture.json -Server a.rainpole.io
        $tasks = @(Get-VcfTask -Server $a)
        $b = Connect-Fixture retry-flow.fixture.json -Server b.rainpole.io
        $tasks | Where-Object Status -eq Failed | Invoke-VcfTaskRetry
        $a.ReplayedRequests | Should -Be (@($ListQuery) + $Patches)
        $b.ReplayedRequests | Should -BeNullOrEmpty
    }

    It 'binds -Id and -Server by property name from imported rows' {
        $a = Connect-Fixture $RetryById -Server a.rainpole.io -NotDefault
        $null = Connect-Fixture seed.fixture.json -Server b.rainpole.io
        [pscustomobject]@{ TaskId = $SeedFailedId; Server = 'a.rainpole.io' } | Invoke-VcfTaskRetry
        $a.ReplayedRequests | Should -Be @("GET /v1/tasks/$SeedFailedId", "PATCH /v1/tasks/$SeedFailedId")
    }
}

Describe 'Task objects and ids that need care' {
    It 'a task read through a connection closed since goes to the open connection to the same server' {
        $old = Connect-Fixture retry-flow.fixture.json -Server a.rainpole.io
        $tasks = @(Get-VcfTask -Server $old | Where-Object Status -eq Failed)
        Disconnect-VcfSddcManager -Server $old
        $new = Connect-Fixture retry-flow.fixture.json -Server a.rainpole.io
        $tasks | Invoke-VcfTaskRetry
        $new.ReplayedRequests | Should -Be $Patches
    }

    It 'a task whose server is no longer connected at all stops with VcfNotConnected, not a crash' {
        $old = Connect-Fixture retry-flow.fixture.json -Server gone.rainpole.io
        $tasks = @(Get-VcfTask -Server $old | Where-Object Status -eq Failed)
        Disconnect-VcfSddcManager -Server $old
        { $tasks | Invoke-VcfTaskRetry -ErrorAction SilentlyContinue } | Should -Throw -ErrorId 'VcfNotConnected,VcfTasks.Commands.InvokeVcfTaskRetryCommand'
    }

    It 'a blank id gets its own VcfInvalidTaskId error and the other ids go on' {
        $conn = Connect-Fixture $RetryById
        $SeedFailedId, ' ', $SeedGetId | Invoke-VcfTaskRetry -ErrorVariable errs -ErrorAction SilentlyContinue
        Get-ErrorId $errs | Should -Be @('VcfInvalidTaskId')
        @($conn.ReplayedRequests | Where-Object { $_ -like 'PATCH *' }) | Should -Be $Patches
    }
}

Describe 'A batch goes on past bad items' {
    BeforeAll {
        $good = 0..43 | ForEach-Object { '{0:x8}-1111-4000-8000-000000000000' -f $_ }
        $missing = 0..2 | ForEach-Object { '{0:x8}-4040-4000-8000-000000000000' -f $_ }
        $done = 0..1 | ForEach-Object { '{0:x8}-4090-4000-8000-000000000000' -f $_ }
        $credentials = 'c4ed0000-0000-4000-8000-000000000000'
        function New-Task($id, $status, $name = 'Domain creation') { @{ id = $id; name = $name; status = $status } }
        $ex = [System.Collections.Generic.List[object]]::new()
        foreach ($id in $good) {
            $ex.Add(@{ request = @{ method = 'GET'; path = "/v1/tasks/$id" }; response = @{ status = 200; body = (New-Task $id 'FAILED') } })
            $ex.Add(@{ request = @{ method = 'PATCH'; path = "/v1/tasks/$id" }; response = @{ status = 200 } })
        }
        foreach ($id in $missing) {
            $ex.Add(@{ request = @{ method = 'GET'; path = "/v1/tasks/$id" }; response = @{ status = 404; body = @{ errorCode = 'TA_TASK_NOT_FOUND'; message = "Task with id $id not found" } } })
        }
        foreach ($id in $done) {
            $ex.Add(@{ request = @{ method = 'GET'; path = "/v1/tasks/$id" }; response = @{ status = 200; body = (New-Task $id 'SUCCESSFUL') } })
            $ex.Add(@{ request = @{ method = 'PATCH'; path = "/v1/tasks/$id" }; response = @{ status = 409; body = @{ errorCode = 'TA_TASK_CAN_NOT_BE_RETRIED'; message = 'Task can not be retried. Only a failed Task can be retried.' } } })
        }
        $ex.Add(@{ request = @{ method = 'GET'; path = "/v1/tasks/$credentials" }; response = @{ status = 200; body = (New-Task $credentials 'FAILED' 'Credentials update operation') } })
        # A failed password update: the server gives its resource credentials back without passwords, so it needs a spec.
        $ex.Add(@{ request = @{ method = 'GET'; path = "/v1/credentials/tasks/$credentials" }; response = @{ status = 200; body = @{
            id = $credentials; name = 'Credentials update operation'; type = 'UPDATE'; status = 'FAILED'; creationTimestamp = '2026-11-01T00:00:00.000Z'
            subTasks = @(@{ name = 'esx01:SSH'; description = 'd'; status = 'FAILED'; creationTimestamp = '2026-11-01T00:00:00.000Z'; resourceName = 'esx01'; credentialType = 'SSH'; username = 'root' }) } } })
        $ex.Add(@{ request = @{ method = 'GET'; path = "/v1/credentials/tasks/$credentials/resource-credentials" }; response = @{ status = 200; body = @(
            @{ resourceName = 'esx01'; resourceType = 'ESXI'; credentials = @(@{ credentialType = 'SSH'; username = 'root' }) }) } })
        $path = Join-Path $TestDrive 'batch.json'
        @{ exchanges = $ex } | ConvertTo-Json -Depth 8 | Set-Content $path
        # Bad items spread through the batch, as they would be in real input.
        $ids = @($good[0..9]) + $missing[0] + @($good[10..19]) + $done[0] + $credentials + @($good[20..29]) + $missing[1] + $done[1] + @($good[30..43]) + $missing[2]
    }

    It 'retries the 44 good tasks and writes 6 precise errors' {
        $conn = Connect-Fixture $path
        $ids | Invoke-VcfTaskRetry -ErrorVariable errs -ErrorAction SilentlyContinue
        $patches = @($conn.ReplayedRequests | Where-Object { $_ -like 'PATCH *' })
        ($patches | Where-Object { $_ -like '*-1111-*' }).Count | Should -Be 44
        $patches.Count | Should -Be 44   # the 2 SUCCESSFUL ones are refused as read, before any PATCH
        (Get-ErrorId $errs | Group-Object -NoElement | Sort-Object Name | ForEach-Object { "$($_.Name)=$($_.Count)" }) |
            Should -Be @('VcfCredentialsSpecRequired=1', 'VcfTaskNotFound=3', 'VcfTaskNotRetryable=2')
        $errs.TargetObject | Should -Be @($missing[0], $done[0], $credentials, $missing[1], $done[1], $missing[2])
    }

    It 'stops at the first bad item only under -ErrorAction Stop' {
        $conn = Connect-Fixture $path
        { $ids | Invoke-VcfTaskRetry -ErrorAction Stop } | Should -Throw -ErrorId 'VcfTaskNotFound,VcfTasks.Commands.InvokeVcfTaskRetryCommand'
        @($conn.ReplayedRequests | Where-Object { $_ -like 'PATCH *' }).Count | Should -Be 10
    }
}
