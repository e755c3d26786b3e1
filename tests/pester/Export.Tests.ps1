# Exports of tasks hold what a person would write down: status as text, the server by name, times as text in CSV and
# JSON and as dates in Clixml, lists as text in CSV, and nothing of the connection; the live object keeps its
# connection and its comparisons. Every claim the README makes about exports is checked here.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:conn = Connect-Fixture seed.fixture.json
    $script:task = Get-VcfTask -Id $SeedGetId
    $script:Created = '1970-01-20T06:19:07.495Z'
    $script:SubTaskText = 'Successful HostVibValidationAction; Failed HostMaintenanceModeValidationAction; Pending FetchDnsAndNtpAction'
}
AfterAll { Disconnect-VcfSddcManager -Server $conn -WarningAction SilentlyContinue }

Describe 'ConvertTo-Json of a task' {
    BeforeAll {
        $json = $task | ConvertTo-Json -WarningVariable jsonWarnings 3>$null
        $parsed = $json | ConvertFrom-Json -DateKind String
    }

    It 'fits the default depth: no truncation warning, and the seed task is under 3 KB' {
        $jsonWarnings | Should -BeNullOrEmpty
        [Text.Encoding]::UTF8.GetByteCount($json) | Should -BeLessThan 3072
    }

    It 'gives the status as text, the server by name and no connection' {
        $parsed.Status | Should -BeExactly 'Failed'
        @($parsed.SubTasks.Status) | Should -Be @('Successful', 'Failed', 'Pending')
        $parsed.Server | Should -Be 'sfo-vcf01.rainpole.io'
        $parsed.PSObject.Properties.Name | Should -Not -Contain 'Connection'
        $json | Should -Not -Match 'FixturePath|seed\.fixture\.json|ConnectedAt|"Timeout"'
    }

    It 'gives times as ISO-8601 UTC text' {
        $parsed.CreationTimestamp | Should -BeOfType [string]
        $parsed.CreationTimestamp | Should -Match '^1970-01-20T06:19:07\.495(Z|\+00:00)$'
    }
}

Describe 'ConvertTo-Json -Depth 10, as the README advises' {
    BeforeAll {
        # Every task of a simulator of 300 (with failed subtasks, their errors, contexts and stages) and of every
        # recorded fixture that lists tasks. -Depth 7 is the least that converts all of them without a warning.
        Import-Module (Join-Path $env:VCFTASKS_REPO 'tools/VcfSimulator.psm1') -Force
        $sim = Start-VcfSimulator -Tasks 300 -Seed 5 -StepMs 100
        try {
            $c = Connect-VcfSddcManager -Server $sim.Url -Credential (Get-VcfSimulatorCredential $sim) -CertificateThumbprint $sim.Thumbprint -NotDefault
            $script:all = @(Get-VcfTask -Server $c)
            Disconnect-VcfSddcManager -Server $c
        } finally {
            Stop-VcfSimulator $sim
        }
        # Every task a recorded fixture answers with: its listing, and each task it gives by id.
        foreach ($file in Get-ChildItem $env:VCFTASKS_FIXTURES -Filter *.fixture.json) {
            $exchanges = @((Get-Content -Raw $file.FullName | ConvertFrom-Json).exchanges | Where-Object { $_.request.method -eq 'GET' -and $_.response.status -eq 200 })
            $f = Connect-Fixture $file.FullName -Server "json-$($file.BaseName)" -NotDefault
            if ($exchanges | Where-Object { $_.request.path -eq '/v1/tasks' -and $_.request.query.pageNumber -eq '0' -and $_.request.query.pageSize -eq '100' -and @($_.request.query.PSObject.Properties).Count -eq 2 }) {
                $script:all += @(Get-VcfTask -Server $f -ErrorAction SilentlyContinue)
            }
            $ids = @(@($exchanges.request.path) -match '^/v1/tasks/[0-9a-f-]{36}$' -replace '^/v1/tasks/' | Select-Object -Unique)
            if ($ids) { $script:all += @(Get-VcfTask -Server $f -Id $ids -ErrorAction SilentlyContinue) }
            Disconnect-VcfSddcManager -Server $f
        }
    }

    It 'converts every task without a truncation warning (and the default depth does warn for most)' {
        $all.Count | Should -BeGreaterThan 300
        $warned = @($all | Where-Object { $null = $_ | ConvertTo-Json -Depth 10 -WarningVariable w 3>$null; $w })
        $warned.Id | Should -BeNullOrEmpty
        @($all | Where-Object { $null = $_ | ConvertTo-Json -WarningVariable w 3>$null; $w }).Count | Should -BeGreaterThan 100
    }

    It 'needs -Depth 7 at least, as the README says' {
        @($all | Where-Object { $null = $_ | ConvertTo-Json -Depth 7 -WarningVariable w 3>$null; $w }).Count | Should -Be 0
        @($all | Where-Object { $null = $_ | ConvertTo-Json -Depth 6 -WarningVariable w 3>$null; $w }).Count | Should -BeGreaterThan 0
    }

    It 'writes an error''s Context as an object of its keys, never a type name' {
        $withContext = @($all | Where-Object { $_.SubTasks.Errors | Where-Object Context })
        $withContext.Count | Should -BeGreaterThan 0
        # The default depth cuts it short: the README says so.
        $withContext[0] | ConvertTo-Json -WarningAction SilentlyContinue | Should -Match 'System\.Collections'
        $json = $withContext[0] | ConvertTo-Json -Depth 10
        $json | Should -Not -Match 'System\.Collections'
        $context = @((($json | ConvertFrom-Json).SubTasks.Errors | Where-Object Context)[0].Context)
        $context[0] | Should -BeOfType [pscustomobject]
        $expected = @(($withContext[0].SubTasks.Errors | Where-Object Context)[0].Context.Keys)
        $context[0].PSObject.Properties.Name | Should -Be $expected
    }
}

Describe 'Export-Csv of a task' {
    BeforeAll {
        $path = Join-Path $TestDrive 'tasks.csv'
        $task | Export-Csv -Path $path
        $text = Get-Content -Raw $path
        $row = Import-Csv $path
    }

    It 'writes status, server and times as text' {
        $row.Status | Should -BeExactly 'Failed'
        $row.Server | Should -Be 'sfo-vcf01.rainpole.io'
        $row.Id | Should -Be $SeedGetId
        # A [DateTime] as PowerShell writes every date to CSV: local time, to the second, read back with [datetime].
        $row.CreationTimestamp | Should -BeOfType [string]
        $row.CreationTimestamp | Should -Not -Match 'System\.|VcfTasks'
        $t = $task.CreationTimestamp
        [datetime]$row.CreationTimestamp | Should -Be $t.AddTicks(-($t.Ticks % [TimeSpan]::TicksPerSecond))
    }

    It 'takes an ISO-8601 column, as the README shows, that names the moment wherever it is read' {
        $iso = ($task | Select-Object *, @{ n = 'Created'; e = { $_.CreationTimestamp.ToString('o') } } | ConvertTo-Csv | ConvertFrom-Csv).Created
        $iso | Should -Match '^1970-01-\d\dT\d\d:\d\d:07\.4950000([+-]\d\d:\d\d|Z)$'
        ([DateTimeOffset]::Parse($iso, [cultureinfo]::InvariantCulture)).UtcDateTime | Should -Be ([DateTimeOffset]$Created).UtcDateTime
    }

    It 'writes subtasks, errors and resources as readable text, never a type name' {
        $row.SubTasks | Should -BeExactly $SubTaskText
        $row.Resources | Should -BeExactly 'HOST ada40180-15e1-4e7b-9110-8c90bad6e382'
        $row.Errors | Should -BeExactly ''
        $text | Should -Not -Match 'System\.Collections|VcfTasks\.Vcf'
        $row.PSObject.Properties.Name | Should -Not -Contain 'Connection'
    }

    It 'writes a task error as code and message' {
        $withError = [VcfTasks.VcfTask]::new()
        $withError.Id = 'e1'
        $withError.Errors = [System.Collections.Generic.List[VcfTasks.VcfTaskError]]::new()
        $withError.Errors.Add([VcfTasks.VcfTaskError]@{ ErrorCode = 'HOST_UNREACHABLE'; Message = 'esxi-1 does not answer' })
        ($withError | ConvertTo-Csv | ConvertFrom-Csv).Errors | Should -BeExactly 'HOST_UNREACHABLE: esxi-1 does not answer'
    }
}

Describe 'Export-Clixml of a task' {
    BeforeAll {
        $path = Join-Path $TestDrive 'task.xml'
        $task | Export-Clixml -Path $path
        $xml = Get-Content -Raw $path
        $back = Import-Clixml $path
    }

    It 'keeps status and server as text, and times as the same [DateTime]s' {
        $back.Status | Should -BeExactly 'Failed'
        $back.Server | Should -Be 'sfo-vcf01.rainpole.io'
        $back.CreationTimestamp | Should -BeOfType [datetime]
        $back.CreationTimestamp | Should -Be $task.CreationTimestamp
        $back.CreationTimestamp.ToUniversalTime() | Should -Be ([DateTimeOffset]$Created).UtcDateTime
        $back.SubTasks[1].Status | Should -BeExactly 'Failed'
    }

    It 'gives the same answers to a time filter as the live tasks' {
        $live = @(Get-VcfTask)
        $live | Export-Clixml (Join-Path $TestDrive 'listed.xml')
        $imported = @(Import-Clixml (Join-Path $TestDrive 'listed.xml'))
        foreach ($since in [datetime]'2019-06-20T12:03:18', [datetime]'2019-06-20', (Get-Date).AddDays(-1)) {
            @($imported | Where-Object CreationTimestamp -gt $since).Id | Should -Be @($live | Where-Object CreationTimestamp -gt $since).Id
        }
    }

    It 'holds nothing of the connection' {
        $back.PSObject.Properties.Name | Should -Not -Contain 'Connection'
        $xml | Should -Not -Match 'FixturePath|seed\.fixture\.json|ConnectedAt'
    }
}

Describe 'The live task' {
    It 'is at the step that failed when it failed (CurrentSubTask), not at the pending one after it' {
        $task.Status | Should -Be 'Failed'
        $task.CurrentSubTask.Name | Should -BeExactly 'HostMaintenanceModeValidationAction'
        $task.CurrentSubTask.Status | Should -BeExactly 'Failed'
    }

    It 'still carries its connection for routing, as a method rather than a property' {
        $task.GetConnection() | Should -Be $conn
        $task.PSObject.Properties.Name | Should -Not -Contain 'Connection'
        ($task | Get-VcfTask).Id | Should -Be $SeedGetId
    }

    It 'still compares its status in every spelling and its times as moments' {
        $task.Status -eq 'FAILED' | Should -BeTrue
        $task.Status -eq 'failed' | Should -BeTrue
        $task.Status.Raw | Should -BeExactly 'FAILED'
        $task.CreationTimestamp -lt (Get-Date) | Should -BeTrue
        $task.CreationTimestamp -gt [datetime]'1970-01-01' | Should -BeTrue
        $task.CreationTimestamp.ToUniversalTime() | Should -Be ([DateTimeOffset]'1970-01-20T06:19:07.495Z').UtcDateTime
    }
}

Describe 'Format views' {
    It 'show the same time, with its zone, in the table (to the minute) and the list (to the millisecond)' {
        $table = $task | Format-Table | Out-String -Width 300
        $list = $task | Format-List | Out-String -Width 300
        $local = ([DateTimeOffset]$Created).ToLocalTime()
        $table | Should -Match ([regex]::Escape($local.ToString("yyyy-MM-dd'T'HH:mmzzz")))
        $list | Should -Match "CreationTimestamp\s+:\s+$([regex]::Escape($local.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz")))"
    }
}

Describe 'A task time in scripts' {
    It 'answers what scripts ask of a date: epoch, UTC, arithmetic, sorting' {
        $t = $task.CreationTimestamp
        ([DateTimeOffset]$t).ToUnixTimeMilliseconds() | Should -Be 1664347495
        $t.ToUniversalTime() | Should -Be ([DateTimeOffset]'1970-01-20T06:19:07.495Z').UtcDateTime
        $t.AddDays(1).ToUniversalTime() | Should -Be ([DateTimeOffset]'1970-01-21T06:19:07.495Z').UtcDateTime
        ($t - ([DateTimeOffset]'1970-01-20T06:19:06.495Z').LocalDateTime).TotalSeconds | Should -Be 1
        ((Get-Date) - $t).TotalDays | Should -BeGreaterThan 20000
        @($task, [pscustomobject]@{ CreationTimestamp = [datetime]'1969-01-01' } | Sort-Object CreationTimestamp)[1].Id | Should -Be $SeedGetId
    }

    It 'has the date parts, so $_.CreationTimestamp.Date -eq (Get-Date).Date filters by day' {
        $t = $task.CreationTimestamp
        $was = ([DateTimeOffset]'1970-01-20T06:19:07.495Z').LocalDateTime
        $t.Date | Should -Be $was.Date
        $t.Year, $t.Month, $t.Day, $t.Hour, $t.Minute, $t.Second, $t.Millisecond | Should -Be @($was.Year, $was.Month, $was.Day, $was.Hour, $was.Minute, $was.Second, $was.Millisecond)
        $t.DayOfWeek | Should -Be $was.DayOfWeek
        @($task | Where-Object { $_.CreationTimestamp.Date -eq $was.Date }).Count | Should -Be 1
    }

    It 'compares with a date typed as text (Where-Object CreationTimestamp -gt ''2026-01-01'')' {
        $task.CreationTimestamp -gt '1970-01-01' | Should -BeTrue
        $task.CreationTimestamp -lt '1970-01-01' | Should -BeFalse
        $task.CreationTimestamp -eq '1970-01-20T06:19:07.495Z' | Should -BeTrue
        @($task | Where-Object CreationTimestamp -gt '1971-01-01').Count | Should -Be 0
        @($task | Where-Object CreationTimestamp -lt '1971-01-01').Count | Should -Be 1
    }
}
