# Credentials tasks end to end (issue 15), against the simulator: Get-VcfCredentialTask, retry through
# PATCH /v1/credentials/tasks/{id} with the spec the server gives back or -CredentialsSpec, VcfCredentialsSpecRequired,
# cancel of a failed one through DELETE /v1/credentials/tasks/{id}, the refusals that send nothing, every profile
# (4.5 has no resource-credentials), --quirks, and the headline pipeline with credentials tasks among the others.
# Seed 3 with 200 tasks holds failed ROTATE, UPDATE and REMEDIATE credentials tasks and running ones.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $env:VCFTASKS_REPO 'tools/VcfSimulator.psm1') -Force
    $script:SimArgs = @{ Tasks = 200; Seed = 3; StepMs = 100; RetryFailurePercent = 0; Anchor = [DateTimeOffset]'2026-11-20T00:00:00Z' }

    # The credentials API as the server answers it, read with a token of our own (not through the module).
    function script:Get-RawCredentials {
        param($S = $sim, [string] $Path = '/v1/credentials/tasks')
        $pair = Invoke-RestMethod -Method Post -Uri "$($S.Url)/v1/tokens" -SkipCertificateCheck -ContentType 'application/json' `
            -Body (@{ username = $S.Username; password = $S.Password } | ConvertTo-Json)
        Invoke-RestMethod -Uri "$($S.Url)$Path" -SkipCertificateCheck -Headers @{ Authorization = "Bearer $($pair.accessToken)" }
    }

    # The requests that reached the server while $Command ran, as "METHOD path status".
    function script:Measure-Requests {
        param([scriptblock] $Command, $S = $sim)
        $since = Get-SimMarker -S $S
        $null = & $Command
        Format-SimLog (Get-SimLogSince -Since $since -S $S)
    }

    # What -WhatIf printed (it goes to the host, so it is read back from a transcript), as one text.
    function script:Invoke-Preview {
        param([scriptblock] $Script)
        $path = Join-Path $TestDrive "whatif-$([guid]::NewGuid().ToString('N')).txt"
        $null = Start-Transcript -Path $path
        $ErrorActionPreference = 'Continue'
        try { $null = & $Script 2>&1 } finally { $null = Stop-Transcript }
        @(Get-Content $path | Where-Object { $_ -like 'What if:*' }) -join "`n"
    }

    function script:Select-Cred {
        param([string] $Operation, [string] $Status = 'Failed', [int] $Index = 0, $From = $script:All)
        @($From | Where-Object { $_.OperationType -eq $Operation -and $_.Status -eq $Status -and $_.SubTasks.Count -gt 0 })[$Index]
    }
}

Describe 'Get-VcfCredentialTask' {
    BeforeAll {
        $sim = Start-VcfSimulator @SimArgs
        $c = Connect-Sim -AsDefault
        $script:All = @(Get-VcfCredentialTask)
        $script:Raw = @((Get-RawCredentials).elements)
    }
    AfterAll { Disconnect-VcfSddcManager -Server $c; Stop-VcfSimulator $sim }

    It 'lists every credentials task the server lists, as typed objects, with one GET /v1/credentials/tasks' {
        $requests = Measure-Requests { Get-VcfCredentialTask }
        $requests | Should -Be @('GET /v1/credentials/tasks 200')
        $All.Count | Should -Be $Raw.Count
        $All.Count | Should -BeGreaterThan 10
        $All[0] | Should -BeOfType ([VcfTasks.VcfCredentialTask])
        $All.Id | Should -Be $Raw.id
        $All.OperationType | Should -Be $Raw.type
    }

    It 'has the same ids as the credentials tasks Get-VcfTask lists' {
        $inTasks = @(Get-VcfTask | Where-Object IsCredentialsTask)
        @($inTasks.Id | Sort-Object) | Should -Be @($All.Id | Sort-Object)
    }

    It 'gives each task''s resources with their credential types and users, and its status in the credentials model' {
        $rotate = Select-Cred ROTATE
        $raw = $Raw | Where-Object id -eq $rotate.Id
        $rotate.Resources.Count | Should -Be 1
        $rotate.Resources[0].Name | Should -Be $raw.subTasks[0].resourceName
        @($rotate.Resources[0].Credentials | ForEach-Object { "$($_.CredentialType) $($_.Username)" }) | Should -Be @($raw.subTasks | ForEach-Object { "$($_.credentialType) $($_.username)" })
        $cancelled = @($All | Where-Object Status -eq 'USER_CANCELLED')
        $cancelled.Count | Should -BeGreaterThan 0
        $cancelled[0].Status | Should -Be 'UserCancelled'
        $cancelled[0].IsComplete | Should -BeTrue
    }

    It '-Status takes any spelling, USER_CANCELLED included, and keeps only those tasks' {
        @(Get-VcfCredentialTask -Status FAILED).Id | Should -Be @($All | Where-Object { $_.Status -eq 'Failed' }).Id
        @(Get-VcfCredentialTask -Status user_cancelled, 'In Progress').Id | Should -Be @($All | Where-Object { $_.Status -in 'UserCancelled', 'InProgress' }).Id
        { Get-VcfCredentialTask -Status Broken } | Should -Throw -ErrorId 'ParameterArgumentValidationError,VcfTasks.Commands.GetVcfCredentialTaskCommand'
    }

    It '-Id reads each id from the credentials API; an unknown id is VcfTaskNotFound and the others go on' {
        $ids = @($All[0].Id, [guid]::NewGuid().ToString(), $All[1].Id)
        $since = Get-SimMarker
        $got = @(Get-VcfCredentialTask -Id $ids -ErrorVariable errs -ErrorAction SilentlyContinue)
        $got.Id | Should -Be @($All[0].Id, $All[1].Id)
        Get-ErrorId $errs | Should -Be @('VcfTaskNotFound')
        $errs[0].TargetObject | Should -Be $ids[1]
        Format-SimLog (Get-SimLogSince -Since $since) | Should -Be @($ids | ForEach-Object { "GET /v1/credentials/tasks/$_ $(if ($_ -eq $ids[1]) { 404 } else { 200 })" })
    }

    It 'takes tasks from Get-VcfTask down the pipeline (by Id and Server)' {
        $tasks = @(Get-VcfTask | Where-Object IsCredentialsTask | Select-Object -First 2)
        @($tasks | Get-VcfCredentialTask).Id | Should -Be $tasks.Id
    }

    It 'the table view shows the operation, status and resources with their credential types and users' {
        $rotate = Select-Cred ROTATE
        $text = $rotate | Format-Table | Out-String -Width 200
        $text | Should -Match 'Operation\s+Status'
        $text | Should -Match ([regex]::Escape($rotate.Id) + '\s+ROTATE\s+Failed')
        $text | Should -Match ([regex]::Escape("$($rotate.Resources[0].Name) (SSH root, API admin)"))
    }

    It 'the list view shows each subtask''s resource, credential type and user' {
        $rotate = Select-Cred ROTATE
        $text = $rotate | Format-List | Out-String -Width 200
        $text | Should -Match 'OperationType\s*:\s*ROTATE'
        foreach ($sub in $rotate.SubTasks) {
            $text | Should -Match ("$($sub.Status)\s+" + [regex]::Escape("$($sub.ResourceName) $($sub.CredentialType) $($sub.Username)"))
        }
        $text | Should -Match 'Server\s*:\s*127\.0\.0\.1:'
    }
}

Describe 'Invoke-VcfTaskRetry of credentials tasks' {
    BeforeAll {
        $sim = Start-VcfSimulator @SimArgs
        $c = Connect-Sim -AsDefault
        $script:All = @(Get-VcfCredentialTask)
    }
    AfterAll { Disconnect-VcfSddcManager -Server $c; Stop-VcfSimulator $sim }

    It '-WhatIf names the operation, the resources and the credentials API, and sends only GETs' {
        $rotate = Select-Cred ROTATE
        $since = Get-SimMarker
        $whatIf = Invoke-Preview { $rotate | Invoke-VcfTaskRetry -WhatIf }
        $requests = Format-SimLog (Get-SimLogSince -Since $since)
        $requests | Should -Be @("GET /v1/tasks/$($rotate.Id) 200", "GET /v1/credentials/tasks/$($rotate.Id) 200", "GET /v1/credentials/tasks/$($rotate.Id)/resource-credentials 200")
        $whatIf | Should -Match ([regex]::Escape("Retry ROTATE of $($rotate.Resources[0].Name) (SSH root, API admin) with the spec SDDC Manager gave back (PATCH /v1/credentials/tasks/$($rotate.Id))"))
    }

    It 'a failed ROTATE from Get-VcfCredentialTask is retried once through PATCH /v1/credentials/tasks/{id} with the server''s spec, and -Wait writes it finished' {
        $rotate = Select-Cred ROTATE
        $since = Get-SimMarker
        $out = @($rotate | Invoke-VcfTaskRetry -Wait -TimeoutSec 60 -Verbose 4>&1)
        $log = @(Get-SimLogSince -Since $since)
        @($log | Where-Object method -in 'PATCH', 'DELETE' | ForEach-Object { "$($_.method) $($_.path) $($_.status)" }) | Should -Be @("PATCH /v1/credentials/tasks/$($rotate.Id) 202")
        $task = @($out | Where-Object { $_ -is [VcfTasks.VcfTask] })
        $task.Id | Should -Be @($rotate.Id)
        $task[0].Status | Should -Be 'Successful'
        @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and "$_" -match "Retry of task $($rotate.Id) .* accepted \(PATCH /v1/credentials/tasks/$($rotate.Id)\)" }).Count | Should -Be 1
        (Get-VcfCredentialTask -Id $rotate.Id).Status | Should -Be 'Successful'
    }

    It 'a failed REMEDIATE is retried with the passwords the server gives back, by id, with -PassThru' {
        $remediate = Select-Cred REMEDIATE
        $requests = Measure-Requests { Invoke-VcfTaskRetry -Id $remediate.Id -PassThru -OutVariable script:passed }
        @($requests | Where-Object { $_ -like 'PATCH*' }) | Should -Be @("PATCH /v1/credentials/tasks/$($remediate.Id) 202")
        $passed[0].Id | Should -Be $remediate.Id
        $passed[0].Status | Should -BeIn 'InProgress', 'Successful'
    }

    It 'a failed UPDATE without -CredentialsSpec is VcfCredentialsSpecRequired, naming the resource and the credential, and nothing is sent' {
        $update = Select-Cred UPDATE
        $requests = Measure-Requests { $update | Invoke-VcfTaskRetry -ErrorVariable script:errs -ErrorAction SilentlyContinue }
        Get-ErrorId $errs | Should -Be @('VcfCredentialsSpecRequired')
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $errs[0].TargetObject | Should -Be $update.Id
        "$($errs[0])" | Should -Match ([regex]::Escape("missing for $($update.Resources[0].Name) (SSH root)"))
        "$($errs[0])" | Should -Match 'Nothing was sent'
        $errs[0].ErrorDetails.RecommendedAction | Should -Match '-CredentialsSpec'
        @($requests | Where-Object { $_ -notlike 'GET *' }) | Should -BeNullOrEmpty
    }

    It 'a failed UPDATE with -CredentialsSpec (password as <Kind>) is sent as given and accepted' -ForEach @(
        @{ Kind = 'SecureString'; Index = 0 }
        @{ Kind = 'text'; Index = 1 }
    ) {
        $update = Select-Cred UPDATE -Index $Index
        $pw = 'Spec-Pw-' + [guid]::NewGuid().ToString('N')
        $password = if ($Kind -eq 'SecureString') { ConvertTo-SecureString $pw -AsPlainText -Force } else { $pw }
        $spec = @{ operationType = 'UPDATE'; elements = @(@{ resourceName = $update.Resources[0].Name; resourceType = 'ESXI'
                    credentials = @(@{ credentialType = 'SSH'; username = 'root'; password = $password }) }) }
        $requests = Measure-Requests { $update | Invoke-VcfTaskRetry -CredentialsSpec $spec }
        @($requests | Where-Object { $_ -like 'PATCH*' }) | Should -Be @("PATCH /v1/credentials/tasks/$($update.Id) 202")
        (Get-VcfCredentialTask -Id $update.Id).Status | Should -BeIn 'InProgress', 'Successful'
    }

    It 'a -CredentialsSpec read from JSON (ConvertFrom-Json objects, not hashtables) is sent as given' {
        $rotate = Select-Cred ROTATE -Index 2
        $json = @{ operationType = 'ROTATE'; elements = @(@{ resourceName = $rotate.Resources[0].Name; resourceType = 'ESXI'
                    credentials = @($rotate.Resources[0].Credentials | ForEach-Object { @{ credentialType = $_.CredentialType; username = $_.Username } }) }) } |
            ConvertTo-Json -Depth 6
        $requests = Measure-Requests { $rotate | Invoke-VcfTaskRetry -CredentialsSpec ($json | ConvertFrom-Json) -Verbose 4>$null }
        $requests | Should -Be @("GET /v1/tasks/$($rotate.Id) 200", "GET /v1/credentials/tasks/$($rotate.Id) 200", "PATCH /v1/credentials/tasks/$($rotate.Id) 202")
    }

    It 'a -CredentialsSpec that is not a CredentialsUpdateSpec (<Case>) stops the command with VcfInvalidCredentialsSpec before anything is sent' -ForEach @(
        @{ Case = 'no operationType'; Spec = @{ elements = @(@{ resourceName = 'h'; resourceType = 'ESXI'; credentials = @(@{ username = 'root' }) }) }; Says = 'operationType: missing' }
        @{ Case = 'no elements'; Spec = @{ operationType = 'ROTATE' }; Says = 'elements: missing or empty' }
        @{ Case = 'a credential without username'; Spec = @{ operationType = 'ROTATE'; elements = @(@{ resourceName = 'h'; resourceType = 'ESXI'; credentials = @(@{ credentialType = 'SSH' }) }) }; Says = 'elements\[0\]\.credentials\[0\]\.username: missing' }
        @{ Case = 'an UPDATE without a password'; Spec = @{ operationType = 'UPDATE'; elements = @(@{ resourceName = 'h'; resourceType = 'ESXI'; credentials = @(@{ username = 'root'; credentialType = 'SSH' }) }) }; Says = 'UPDATE needs a password for h \(SSH root\)' }
        @{ Case = 'an unknown key'; Spec = @{ operationType = 'ROTATE'; element = @() }; Says = "unknown key 'element'" }
    ) {
        $rotate = Select-Cred ROTATE -Index 1
        $since = Get-SimMarker
        $thrown = $null
        try { $rotate | Invoke-VcfTaskRetry -CredentialsSpec $Spec } catch { $thrown = $_ }
        $thrown.FullyQualifiedErrorId | Should -Be 'VcfInvalidCredentialsSpec,VcfTasks.Commands.InvokeVcfTaskRetryCommand'
        "$thrown" | Should -Match $Says
        Get-SimLogSince -Since $since | Should -BeNullOrEmpty
    }

    It 'a running credentials task is VcfTaskNotRetryable, and only its GET is sent' {
        $running = Select-Cred ROTATE -Status 'InProgress'
        $requests = Measure-Requests { Invoke-VcfTaskRetry -Id $running.Id -ErrorVariable script:errs -ErrorAction SilentlyContinue }
        Get-ErrorId $errs | Should -Be @('VcfTaskNotRetryable')
        "$($errs[0])" | Should -Match 'is a credentials task that is IN_PROGRESS'
        $requests | Should -Be @("GET /v1/tasks/$($running.Id) 200")
    }
}

Describe 'Stop-VcfTask of credentials tasks' {
    BeforeAll {
        $sim = Start-VcfSimulator @SimArgs
        $c = Connect-Sim -AsDefault
        $script:All = @(Get-VcfCredentialTask)
    }
    AfterAll { Disconnect-VcfSddcManager -Server $c; Stop-VcfSimulator $sim }

    It 'has ConfirmImpact High' {
        (Get-Command Stop-VcfTask).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
    }

    It '-WhatIf says the failed password operation is abandoned, through DELETE /v1/credentials/tasks/{id}, and sends no DELETE' {
        $update = Select-Cred UPDATE
        $since = Get-SimMarker
        $whatIf = Invoke-Preview { $update | Stop-VcfTask -WhatIf }
        $requests = Format-SimLog (Get-SimLogSince -Since $since)
        $whatIf | Should -Match ([regex]::Escape("Cancel: abandon the failed UPDATE of $($update.Resources[0].Name) (SSH root) (DELETE /v1/credentials/tasks/$($update.Id))"))
        @($requests | Where-Object { $_ -notlike 'GET *' }) | Should -BeNullOrEmpty
    }

    It 'a failed credentials task is cancelled once through DELETE /v1/credentials/tasks/{id}: USER_CANCELLED there, and -Wait writes it without an error' {
        $update = Select-Cred UPDATE
        $since = Get-SimMarker
        $out = @($update | Stop-VcfTask -Confirm:$false -Wait -TimeoutSec 30 -ErrorVariable errs)
        $log = @(Get-SimLogSince -Since $since)
        @($log | Where-Object method -in 'PATCH', 'DELETE' | ForEach-Object { "$($_.method) $($_.path) $($_.status)" }) | Should -Be @("DELETE /v1/credentials/tasks/$($update.Id) 202")
        $errs | Should -BeNullOrEmpty
        $out.Id | Should -Be @($update.Id)
        (Get-VcfCredentialTask -Id $update.Id).Status.Raw | Should -Be 'USER_CANCELLED'
        (Get-VcfTask -Id $update.Id).Status | Should -Be 'Cancelled'
    }

    It 'a running credentials task gets VcfTaskNotCancellable that says so, and nothing is sent, even with -Force' {
        $running = Select-Cred REMEDIATE -Status 'InProgress'
        $requests = Measure-Requests { Stop-VcfTask -Id $running.Id -Force -ErrorVariable script:errs -ErrorAction SilentlyContinue }
        Get-ErrorId $errs | Should -Be @('VcfTaskNotCancellable')
        "$($errs[0])" | Should -Match 'a running one cannot be cancelled through the API\. Nothing was sent\.'
        $requests | Should -Be @("GET /v1/tasks/$($running.Id) 200")
    }

    It 'Wait-VcfTask takes credentials tasks from Get-VcfCredentialTask and writes the finished ones' {
        $done = @($All | Where-Object Status -eq 'Successful' | Select-Object -First 2)
        @($done | Wait-VcfTask -TimeoutSec 10).Id | Should -Be $done.Id
    }
}

Describe 'The headline pipeline with credentials tasks among the others' {
    BeforeAll {
        $sim = Start-VcfSimulator @SimArgs
        $c = Connect-Sim -AsDefault
    }
    AfterAll { Disconnect-VcfSddcManager -Server $c; Stop-VcfSimulator $sim }

    It 'retries each failed task once through its own API, says which, and gives each UPDATE VcfCredentialsSpecRequired' {
        $failed = @(Get-VcfTask -Status Failed | Where-Object IsRetryable)
        $credentials = @(Get-VcfCredentialTask -Status Failed)
        $ordinary = @($failed | Where-Object { -not $_.IsCredentialsTask })
        $credentials.Count | Should -BeGreaterThan 5
        $since = Get-SimMarker
        $out = @(Get-VcfTask -Status Failed | Where-Object IsRetryable | Invoke-VcfTaskRetry -Wait -TimeoutSec 120 -Verbose -ErrorVariable errs -ErrorAction SilentlyContinue 4>&1)
        $log = @(Get-SimLogSince -Since $since)
        $changes = @($log | Where-Object method -eq 'PATCH' | ForEach-Object { "$($_.path) $($_.status)" } | Sort-Object)
        # An UPDATE needs passwords the server does not give back: refused here, nothing sent.
        $needSpec = @($credentials | Where-Object OperationType -eq 'UPDATE')
        $sent = @($credentials | Where-Object { $_.Id -notin $needSpec.Id })
        $changes | Should -Be @(@($ordinary | ForEach-Object { "/v1/tasks/$($_.Id) 200" }) + @($sent | ForEach-Object { "/v1/credentials/tasks/$($_.Id) 202" }) | Sort-Object)
        @(Get-ErrorId $errs | Sort-Object -Unique) | Should -Be @('VcfCredentialsSpecRequired')
        @($errs.TargetObject | Sort-Object) | Should -Be @($needSpec.Id | Sort-Object)
        $verbose = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object { "$_" })
        foreach ($t in $ordinary) { @($verbose -match "Retry of task $($t.Id) .*accepted \(PATCH /v1/tasks/$($t.Id)\)").Count | Should -Be 1 }
        foreach ($t in $sent) { @($verbose -match "Retry of task $($t.Id) .*accepted \(PATCH /v1/credentials/tasks/$($t.Id)\)").Count | Should -Be 1 }
        @($out | Where-Object { $_ -is [VcfTasks.VcfTask] }).Count | Should -Be ($ordinary.Count + $sent.Count)
    }
}

Describe 'On <Name>' -ForEach @(
    @{ Name = 'SDDC Manager 4.5'; Api = '4.5'; Quirks = $false }
    @{ Name = 'SDDC Manager 5.2'; Api = '5.2'; Quirks = $false }
    @{ Name = 'a server with quirks (9.0)'; Api = '9.0'; Quirks = $true }
) {
    BeforeAll {
        $sim = Start-VcfSimulator @SimArgs -Api $Api -Quirks:$Quirks
        $c = Connect-Sim -AsDefault
        $script:All = @(Get-VcfCredentialTask)
        $reference = Start-VcfSimulator @SimArgs
        try { $script:Expected = @(Get-VcfCredentialTask -Server (Connect-Sim -S $reference)) } finally { Stop-VcfSimulator $reference }
    }
    AfterAll { Disconnect-VcfSddcManager -Server $c; Stop-VcfSimulator $sim }

    It 'Get-VcfCredentialTask lists the same tasks, operations, states and resources as against plain 9.0' {
        # --quirks turns some SUCCESSFUL tasks into SKIPPED ones (the tasks themselves, in both APIs): compared as Successful.
        $state = { param($t) if ($t.Status.Raw -eq 'SKIPPED') { 'Successful' } else { "$($t.Status)" } }
        @($All | ForEach-Object { "$($_.Id) $($_.OperationType) $(& $state $_) $($_.Resources)" }) |
            Should -Be @($Expected | ForEach-Object { "$($_.Id) $($_.OperationType) $(& $state $_) $($_.Resources)" })
    }

    It 'a failed ROTATE is retried (4.5: only with -CredentialsSpec; without it VcfCredentialsSpecRequired and nothing is sent)' {
        $rotate = Select-Cred ROTATE
        if ($Api -eq '4.5') {
            $requests = Measure-Requests { $rotate | Invoke-VcfTaskRetry -ErrorVariable script:errs -ErrorAction SilentlyContinue }
            Get-ErrorId $errs | Should -Be @('VcfCredentialsSpecRequired')
            "$($errs[0])" | Should -Match 'resource-credentials'
            @($requests | Where-Object { $_ -notlike 'GET *' }) | Should -BeNullOrEmpty
            $spec = @{ operationType = 'ROTATE'; elements = @(@{ resourceName = $rotate.Resources[0].Name; resourceType = 'ESXI'
                        credentials = @($rotate.Resources[0].Credentials | ForEach-Object { @{ credentialType = $_.CredentialType; username = $_.Username } }) }) }
            $requests = Measure-Requests { $rotate | Invoke-VcfTaskRetry -CredentialsSpec $spec }
        }
        else {
            $requests = Measure-Requests { $rotate | Invoke-VcfTaskRetry }
        }
        @($requests | Where-Object { $_ -like 'PATCH*' }) | Should -Be @("PATCH /v1/credentials/tasks/$($rotate.Id) 202")
    }

    It 'a failed credentials task is cancelled through DELETE /v1/credentials/tasks/{id} (4.5 answers 204)' {
        $update = Select-Cred UPDATE
        $requests = Measure-Requests { $update | Stop-VcfTask -Force }
        @($requests | Where-Object { $_ -like 'DELETE*' }) | Should -Be @("DELETE /v1/credentials/tasks/$($update.Id) $(if ($Api -eq '4.5') { 204 } else { 202 })")
        (Get-VcfCredentialTask -Id $update.Id).Status | Should -Be 'UserCancelled'
    }
}
