BeforeAll { . (Join-Path $PSScriptRoot 'Common.ps1') }

Describe 'Get-VcfTask' {
    Context 'listing the seed response' {
        BeforeAll {
            $conn = Connect-Fixture seed.fixture.json
            $tasks = @(Get-VcfTask)
        }

        It 'asks for the first page of 100 and stops on the short page' {
            $conn.ReplayedRequests | Should -Be @($ListQuery)
        }

        It 'returns both seed tasks as typed objects, in order' {
            $tasks.Count | Should -Be 2
            $tasks[0] | Should -BeOfType VcfTasks.VcfTask
            $tasks.Id | Should -Be @($SeedFailedId, $SeedCredentialsId)
        }

        It 'normalises "Failed" and keeps the raw spelling' {
            $tasks[0].Status.State | Should -Be ([VcfTasks.VcfTaskState]::Failed)
            $tasks[0].Status.Raw | Should -BeExactly 'Failed'
            $tasks[0].SubTasks[1].Status.Raw | Should -BeExactly 'FAILED'
        }

        It 'keeps the escaped \u0026 text exactly as sent' {
            $tasks[0].SubTasks[2].Description | Should -BeExactly 'Fetches DNS \u0026 NTP IPs'
        }

        It 'reads errors, resources and timestamps' {
            $tasks[0].Errors[0].ErrorCode | Should -BeExactly 'COMMISION_HOST_FAILED'
            $tasks[0].Resources[0].ResourceId | Should -Be 'f0f2f355-c91a-4d29-ba55-1c5e73608baa'
            $tasks[0].CreationTimestamp | Should -Be ([DateTimeOffset]'2019-06-20T12:03:18.890Z')
        }

        It 'marks the credentials rotate task as a credentials task' {
            $tasks[1].IsCredentialsTask | Should -BeTrue
            $tasks[0].IsCredentialsTask | Should -BeFalse
        }

        It 'remembers the connection on every task' {
            $tasks | ForEach-Object { $_.GetConnection() | Should -Be $conn }
            $tasks[0].Server | Should -Be 'sfo-vcf01.rainpole.io'
        }

        It 'counts subtasks done of total for the table view' {
            $tasks[0].SubTasksDone | Should -Be 1
            $tasks[0].SubTaskCount | Should -Be 3
        }
    }

    Context 'Status compares equal to every spelling' {
        BeforeAll { $null = Connect-Fixture seed.fixture.json; $tasks = @(Get-VcfTask) }

        It 'matches Where-Object Status -eq <Spelling>' -ForEach @(
            @{ Spelling = 'Failed' }, @{ Spelling = 'FAILED' }, @{ Spelling = 'failed' }, @{ Spelling = 'fAiLeD' }
        ) {
            @($tasks | Where-Object Status -eq $Spelling).Id | Should -Be @($SeedFailedId)
        }

        It 'matches the enum value and -ne' {
            @($tasks | Where-Object Status -eq ([VcfTasks.VcfTaskState]::Failed)).Count | Should -Be 1
            @($tasks | Where-Object Status -ne 'FAILED').Id | Should -Be @($SeedCredentialsId)
        }

        It 'matches "In Progress", "IN_PROGRESS" and "InProgress" alike' {
            $s = [VcfTasks.VcfTaskStatus]::new('In Progress')
            ($s -eq 'IN_PROGRESS') | Should -BeTrue
            ($s -eq 'InProgress') | Should -BeTrue
            ($s -eq 'in progress') | Should -BeTrue
            ($s -eq 'PENDING') | Should -BeFalse
        }

        It 'keeps an unknown status raw and never takes it for finished' {
            $s = [VcfTasks.VcfTaskStatus]::new('ROLLING_BACK')
            $s.State | Should -Be ([VcfTasks.VcfTaskState]::Unknown)
            $s.Raw | Should -BeExactly 'ROLLING_BACK'
            $s.IsTerminal | Should -BeFalse
            ($s -eq 'ROLLING_BACK') | Should -BeTrue
        }
    }

    Context '-Id' {
        It 'gets one task by id (positional) with its 1970 timestamp' {
            $conn = Connect-Fixture seed.fixture.json
            $t = Get-VcfTask $SeedGetId
            $t.Name | Should -Be 'Vi workload Domain Creation'
            $t.Status -eq 'Failed' | Should -BeTrue
            $t.CreationTimestamp.ToUniversalTime().Year | Should -Be 1970
            $conn.ReplayedRequests | Should -Be @("GET /v1/tasks/$SeedGetId")
        }

        It 'binds ids from the pipeline by value and by property name' {
            $conn = Connect-Fixture seed.fixture.json
            @($SeedGetId | Get-VcfTask).Id | Should -Be @($SeedGetId)
            @([pscustomobject]@{ TaskId = $SeedGetId } | Get-VcfTask).Id | Should -Be @($SeedGetId)
            @([pscustomobject]@{ Id = $SeedGetId } | Get-VcfTask).Id | Should -Be @($SeedGetId)
            $conn.ReplayedRequests.Count | Should -Be 3
        }

        It 'writes VcfTaskNotFound for a missing id and goes on with the next' {
            $conn = Connect-Fixture errors.fixture.json
            $out = @(Get-VcfTask -Id '00000000-0000-0000-0000-000000000404', 'c0ffee00-1111-4222-8333-444455556666' -ErrorVariable errs -ErrorAction SilentlyContinue)
            $out.Id | Should -Be @('c0ffee00-1111-4222-8333-444455556666')
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'VcfTaskNotFound,*'
            $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $errs[0].TargetObject | Should -Be '00000000-0000-0000-0000-000000000404'
            $errs[0].Exception.ServerErrorCode | Should -Be 'TA_TASK_NOT_FOUND'
            $errs[0].Exception.ReferenceToken | Should -Be '4QX9ZK'
            $errs[0].Exception.HttpStatus | Should -Be 404
        }

        It 're-reads a piped task from its own connection' {
            $a = Connect-Fixture seed.fixture.json -Server a.rainpole.io
            $b = Connect-Fixture seed.fixture.json -Server b.rainpole.io
            $task = Get-VcfTask -Id $SeedGetId -Server $a
            $again = $task | Get-VcfTask
            $again.Server | Should -Be 'a.rainpole.io'
            $a.ReplayedRequests.Count | Should -Be 2
            $b.ReplayedRequests.Count | Should -Be 0
        }
    }

    Context 'server errors' {
        BeforeAll { $null = Connect-Fixture errors.fixture.json }

        It 'maps a 500 Error body to VcfServerError with code, remediation and reference token' {
            Get-VcfTask -Id '50000000-0000-0000-0000-000000000500' -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'VcfServerError,*'
            $errs[0].Exception.HttpStatus | Should -Be 500
            $errs[0].Exception.ServerErrorCode | Should -Be 'VCF_INTERNAL_SERVER_ERROR'
            $errs[0].Exception.ReferenceToken | Should -Be 'ZB81QP'
            $errs[0].ErrorDetails.RecommendedAction | Should -Be 'Collect the SDDC Manager logs and contact support.'
        }

        It 'maps a 502 HTML page to VcfServerError with the status and a short snippet' {
            Get-VcfTask -Id '50000000-0000-0000-0000-000000000502' -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'VcfServerError,*'
            $errs[0].Exception.HttpStatus | Should -Be 502
            $errs[0].Exception.Message | Should -Match 'Bad Gateway'
            $errs[0].Exception.Message.Length | Should -BeLessThan 400
        }

        It 'maps a 200 HTML page to VcfServerError, not a crash' {
            Get-VcfTask -Id '20000000-0000-0000-0000-000000000200' -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'VcfServerError,*'
            $errs[0].Exception.Message | Should -Match 'not the expected JSON'
            $errs[0].Exception.Message | Should -Match 'text/html'
        }

        It 'stops a listing whose page is truncated JSON with a terminating VcfServerError' {
            { Get-VcfTask -Name truncated -ErrorAction SilentlyContinue } | Should -Throw -ErrorId 'VcfServerError,VcfTasks.Commands.GetVcfTaskCommand'
        }
    }

    Context 'filters' {
        It 'sends one -Status as taskStatus in the API spelling' {
            $conn = Connect-Fixture cancel-flow.fixture.json
            $t = @(Get-VcfTask -Status 'In Progress')
            $t.Count | Should -Be 1
            $conn.ReplayedRequests | Should -Be @('GET /v1/tasks?pageNumber=0&pageSize=100&taskStatus=IN_PROGRESS')
        }

        It 'sends -Name, -Type, -ResourceId, -ResourceType and -CompletedAfter as query parameters' {
            $path = Join-Path $TestDrive 'filters.json'
            $after = [DateTimeOffset]'2026-11-01T00:00:00Z'
            $query = @{ pageNumber = '0'; pageSize = '100'; taskName = 'Commission'; taskType = 'HOST_COMMISSION'
                        resourceId = 'f0f2f355-c91a-4d29-ba55-1c5e73608baa'; resourceType = 'HOST'; completedAfter = "$($after.ToUnixTimeMilliseconds())" }
            $task = @{ id = 't1'; name = 'Commissioning host(s)'; type = 'HOST_COMMISSION'; status = 'SUCCESSFUL'
                       completionTimestamp = '2026-11-02T00:00:00.000Z'; resources = @(@{ resourceId = 'f0f2f355-c91a-4d29-ba55-1c5e73608baa'; type = 'HOST' }) }
            @{ exchanges = @(@{ request = @{ method = 'GET'; path = '/v1/tasks'; query = $query }
                                response = @{ status = 200; body = @{ elements = @($task) } } }) } | ConvertTo-Json -Depth 8 | Set-Content $path
            $conn = Connect-Fixture $path
            $out = @(Get-VcfTask -Name Commission -Type HOST_COMMISSION -ResourceId f0f2f355-c91a-4d29-ba55-1c5e73608baa -ResourceType HOST -CompletedAfter $after.UtcDateTime)
            $out.Id | Should -Be @('t1')
            $conn.ReplayedRequests.Count | Should -Be 1
        }

        It 'filters again on the client when the server ignores a filter (4.5 has no taskName)' {
            $path = Join-Path $TestDrive 'ignored.json'
            @{ exchanges = @(@{ request = @{ method = 'GET'; path = '/v1/tasks'; query = @{ pageNumber = '0'; pageSize = '100'; taskName = 'Commission' } }
                                response = @{ status = 200; bodyFile = (Join-Path $env:VCFTASKS_FIXTURES 'seed/get-tasks.response.json') } }) } |
                ConvertTo-Json -Depth 8 | Set-Content $path
            $null = Connect-Fixture $path
            @(Get-VcfTask -Name Commission).Id | Should -Be @($SeedFailedId)
        }

        It 'filters several -Status values on the client, sending no taskStatus' {
            $conn = Connect-Fixture seed.fixture.json
            @(Get-VcfTask -Status Failed, Successful).Count | Should -Be 2
            @(Get-VcfTask -Status Failed, Pending).Id | Should -Be @($SeedFailedId)
            $conn.ReplayedRequests | Should -Be @($ListQuery, $ListQuery)
        }

        It 'rejects an unknown -Status with a parameter validation error' {
            { Get-VcfTask -Status Faild } | Should -Throw -ErrorId 'ParameterArgumentValidationError,VcfTasks.Commands.GetVcfTaskCommand'
        }

        It 'rejects -PageSize above 100' {
            { Get-VcfTask -PageSize 101 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,VcfTasks.Commands.GetVcfTaskCommand'
        }

        It 'rejects -ThrottleLimit <Limit>, outside 1 to 16' -ForEach @(@{ Limit = 0 }, @{ Limit = 17 }, @{ Limit = -1 }) {
            { Get-VcfTask -ThrottleLimit $Limit } | Should -Throw -ErrorId 'ParameterArgumentValidationError,VcfTasks.Commands.GetVcfTaskCommand'
        }

        It 'accepts -ThrottleLimit <Limit> and lists as without it' -ForEach @(@{ Limit = 1 }, @{ Limit = 16 }) {
            $conn = Connect-Fixture seed.fixture.json
            @(Get-VcfTask -ThrottleLimit $Limit).Id | Should -Be @($SeedFailedId, $SeedCredentialsId)
            $conn.ReplayedRequests | Should -Be @($ListQuery)
        }

        It 'takes -ThrottleLimit with -Id too (tasks of one server read at once) and reads the same' {
            $conn = Connect-Fixture seed.fixture.json
            (Get-VcfTask -Id $SeedGetId -ThrottleLimit 4).Id | Should -Be $SeedGetId
            $conn.ReplayedRequests | Should -Be @("GET /v1/tasks/$SeedGetId")
        }

        It 'rejects -ThrottleLimit <Limit> with -Id, outside 1 to 16' -ForEach @(@{ Limit = 0 }, @{ Limit = 17 }) {
            $null = Connect-Fixture seed.fixture.json
            { Get-VcfTask -Id $SeedGetId -ThrottleLimit $Limit } | Should -Throw -ErrorId 'ParameterArgumentValidationError,VcfTasks.Commands.GetVcfTaskCommand'
        }
    }

    Context 'paging' {
        BeforeAll {
            $path = Join-Path $TestDrive 'paged.json'
            $generated = New-PagedFixture -Path $path -Count 250
        }

        It 'streams all 250 tasks from three pages, each once, in order' {
            $conn = Connect-Fixture $path
            $out = @(Get-VcfTask)
            $out.Id | Should -Be @($generated.id)
            $conn.ReplayedRequests | Should -Be @(0, 1, 2 | ForEach-Object { "GET /v1/tasks?pageNumber=$_&pageSize=100" })
        }

        It '-First 5 fetches only the first page' {
            $conn = Connect-Fixture $path
            @(Get-VcfTask -First 5).Id | Should -Be @($generated[0..4].id)
            $conn.ReplayedRequests | Should -Be @($ListQuery)
        }

        It '-Skip 120 -First 10 fetches two pages and returns tasks 120..129' {
            $conn = Connect-Fixture $path
            @(Get-VcfTask -Skip 120 -First 10).Id | Should -Be @($generated[120..129].id)
            $conn.ReplayedRequests.Count | Should -Be 2
        }

        It 'stops fetching when a later command in the pipeline stops (Select-Object -First)' {
            $conn = Connect-Fixture $path
            @(Get-VcfTask | Select-Object -First 3).Count | Should -Be 3
            $conn.ReplayedRequests | Should -Be @($ListQuery)
        }

        It '-IncludeTotalCount reports the server total first' {
            $null = Connect-Fixture $path
            $out = @(Get-VcfTask -IncludeTotalCount -First 1)
            $out[0].ToString() | Should -Match '250'
            $out[1].Id | Should -Be $generated[0].id
        }

        It '-Name with wildcards sends its longest literal part and matches the pattern on the client' {
            $wild = Join-Path $TestDrive 'wild.json'
            # A server's 'contains' answer to each literal part: every task whose name holds it.
            $g = 0..29 | ForEach-Object { @{ id = "w$_"; name = "Generated task $_"; status = 'FAILED' } }
            $exchanges = foreach ($literal in 'Generated task 1', 'generated TASK ') {
                @{ request = @{ method = 'GET'; path = '/v1/tasks'; query = @{ pageNumber = '0'; pageSize = '100'; taskName = $literal } }
                   response = @{ status = 200; body = @{ elements = @($g | Where-Object { $_.name.IndexOf($literal, [StringComparison]::OrdinalIgnoreCase) -ge 0 }) } } }
            }
            @{ exchanges = @($exchanges) } | ConvertTo-Json -Depth 8 | Set-Content $wild
            $conn = Connect-Fixture $wild
            @(Get-VcfTask -Name 'Generated task 1?').Id | Should -Be @(10..19 | ForEach-Object { "w$_" })
            @(Get-VcfTask -Name 'generated TASK [2]*').Id | Should -Be (@('w2') + @(20..29 | ForEach-Object { "w$_" }))
            $conn.ReplayedRequests | Should -Be @('GET /v1/tasks?pageNumber=0&pageSize=100&taskName=Generated task 1', 'GET /v1/tasks?pageNumber=0&pageSize=100&taskName=generated TASK ')
        }

        It '-Name with only escaped wildcards sends and matches the literal text, without the backticks' {
            $literal = Join-Path $TestDrive 'literal.json'
            $g = @(
                @{ id = 'star'; name = 'Rotate passwords *all hosts*'; status = 'FAILED' }
                @{ id = 'plain'; name = 'Rotate passwords all hosts'; status = 'FAILED' }
            )
            @{ exchanges = @(@{
                request  = @{ method = 'GET'; path = '/v1/tasks'; query = @{ pageNumber = '0'; pageSize = '100'; taskName = 'passwords *all' } }
                response = @{ status = 200; body = @{ elements = @($g | Where-Object { $_.name.Contains('passwords *all') }) } } }) } |
                ConvertTo-Json -Depth 8 | Set-Content $literal
            $conn = Connect-Fixture $literal
            @(Get-VcfTask -Name 'passwords `*all').Id | Should -Be @('star')
            $conn.ReplayedRequests | Should -Be @('GET /v1/tasks?pageNumber=0&pageSize=100&taskName=passwords *all')
        }

        It '-PageSize sets the page size of every request' {
            $small = Join-Path $TestDrive 'small.json'
            $g = New-PagedFixture -Path $small -Count 5 -PageSize 2 -NoMetadata
            $conn = Connect-Fixture $small
            @(Get-VcfTask -PageSize 2).Id | Should -Be @($g.id)
            # Without paging facts the listing reads page 0 once more at the end, to check that nothing slid past it.
            $conn.ReplayedRequests | Should -Be @(0, 1, 2, 0 | ForEach-Object { "GET /v1/tasks?pageNumber=$_&pageSize=2" })
        }
    }

    Context 'connections' {
        It 'fails with a terminating VcfNotConnected that says what to do' {
            Get-Module VcfTasks | Remove-Module -Force
            Import-Module $env:VCFTASKS_MODULE -Force
            # A fresh runspace has no connection at all.
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript("Import-Module '$env:VCFTASKS_MODULE'; try { Get-VcfTask -ErrorAction SilentlyContinue } catch { `$_ }")
                $err = $ps.Invoke() | Select-Object -First 1
            } finally { $ps.Dispose() }
            $err.FullyQualifiedErrorId | Should -BeLike 'VcfNotConnected,*'
            $err.CategoryInfo.Category | Should -Be 'ConnectionError'
            $err.ErrorDetails.RecommendedAction | Should -Match 'Connect-VcfSddcManager'
        }

        It 'fails with VcfNotConnected for a -Server name it is not connected to' {
            $null = Connect-Fixture seed.fixture.json
            { Get-VcfTask -Server nowhere.rainpole.io -ErrorAction SilentlyContinue } | Should -Throw -ErrorId 'VcfNotConnected,VcfTasks.Commands.GetVcfTaskCommand'
        }

        It 'uses -Server given as a name or as a connection object' {
            $a = Connect-Fixture seed.fixture.json -Server a.rainpole.io -NotDefault
            $b = Connect-Fixture seed.fixture.json -Server b.rainpole.io
            $null = Get-VcfTask -Server a.rainpole.io
            $null = Get-VcfTask -Server $a
            $a.ReplayedRequests.Count | Should -Be 2
            $b.ReplayedRequests.Count | Should -Be 0
        }

        It 'stops with a terminating VcfAuthenticationFailed on 401' {
            $null = Connect-Fixture unauthorized.fixture.json
            { Get-VcfTask -ErrorAction SilentlyContinue } | Should -Throw -ErrorId 'VcfAuthenticationFailed,VcfTasks.Commands.GetVcfTaskCommand'
        }
    }

    Context 'verbose output' {
        It 'writes each request with method, path, status and milliseconds' {
            $null = Connect-Fixture seed.fixture.json
            $verbose = Get-VcfTask -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
            ($verbose.Message -join "`n") | Should -Match 'GET /v1/tasks\?pageNumber=0&pageSize=100 → 200 OK in \d+ ms'
        }
    }
}

Describe 'Get-VcfTask: bad input gets its own error id and the rest goes on' {
    It "-Name '[' (a pattern WildcardPattern cannot read) stops with VcfInvalidNamePattern before any request" {
        $conn = Connect-Fixture seed.fixture.json
        $err = $null
        try { Get-VcfTask -Name '[' } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'VcfInvalidNamePattern,VcfTasks.Commands.GetVcfTaskCommand'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.TargetObject | Should -Be '['
        $conn.ReplayedRequests | Should -BeNullOrEmpty
    }

    It "-Name '`[' (escaped) is the literal text, sent to the server" {
        $conn = Connect-Fixture seed.fixture.json
        $err = $null
        try { $null = Get-VcfTask -Name '`[' } catch { $err = $_ }
        # The fixture holds no taskName=[ request: what matters is that the pattern was accepted and the text sent.
        $err.FullyQualifiedErrorId | Should -Be 'VcfFixtureRequestUnmatched,VcfTasks.Commands.GetVcfTaskCommand'
        $err.Exception.Message | Should -Match 'taskName=(%5B|\[)'
    }

    It "-Id `$good, '' writes the good task and VcfInvalidTaskId for the empty one" {
        $conn = Connect-Fixture seed.fixture.json
        $out = @(Get-VcfTask -Id $SeedGetId, '' -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Id | Should -Be @($SeedGetId)
        Get-ErrorId $errs | Should -Be @('VcfInvalidTaskId')
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $conn.ReplayedRequests | Should -Be @("GET /v1/tasks/$SeedGetId")
    }

    It "Invoke-VcfTaskRetry -Id '', `$good gives VcfInvalidTaskId for the empty one and retries the good one" {
        # The flow with the good task read by id (FAILED) before its PATCH, as Invoke-VcfTaskRetry -Id reads it first.
        $path = New-ReadFirstFixture retry-flow.fixture.json
        try {
            $conn = Connect-Fixture $path
            Invoke-VcfTaskRetry -Id '', $SeedFailedId -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
            Get-ErrorId $errs | Should -Be @('VcfInvalidTaskId')
            $conn.ReplayedRequests | Should -Be @("GET /v1/tasks/$SeedFailedId", "PATCH /v1/tasks/$SeedFailedId")
        }
        finally { Remove-Item $path -ErrorAction SilentlyContinue }
    }

    It 'a connection piped in lists that connection, instead of reading a task whose id is the connection id' {
        $conn = Connect-Fixture seed.fixture.json -NotDefault
        $out = @($conn | Get-VcfTask)
        $out.Id | Should -Be @($SeedFailedId, $SeedCredentialsId)
        $conn.ReplayedRequests | Should -Be @($ListQuery)
    }

    It 'a connection piped to Invoke-VcfTaskRetry, Stop-VcfTask or Wait-VcfTask is VcfInvalidTaskInput, and nothing is sent' {
        $conn = Connect-Fixture seed.fixture.json -NotDefault
        $conn | Invoke-VcfTaskRetry -Confirm:$false -ErrorVariable retryErrs -ErrorAction SilentlyContinue
        $conn | Stop-VcfTask -Force -ErrorVariable stopErrs -ErrorAction SilentlyContinue
        $conn | Wait-VcfTask -ErrorVariable waitErrs -ErrorAction SilentlyContinue
        Get-ErrorId ($retryErrs + $stopErrs + $waitErrs) | Should -Be @('VcfInvalidTaskInput', 'VcfInvalidTaskInput', 'VcfInvalidTaskInput')
        $retryErrs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $conn.ReplayedRequests | Should -BeNullOrEmpty
    }

    It 'an object with a task Id and a Server column is still read as a task (Import-Csv)' {
        $conn = Connect-Fixture seed.fixture.json -Server csv.rainpole.io -NotDefault
        $out = @([pscustomobject]@{ Id = $SeedGetId; Server = 'csv.rainpole.io' } | Get-VcfTask)
        $out.Id | Should -Be @($SeedGetId)
        $conn.ReplayedRequests | Should -Be @("GET /v1/tasks/$SeedGetId")
    }
}
