# Exports of tasks hold what a person would write down: status as text, the server by name, ISO-8601 UTC times, lists
# as text in CSV, and nothing of the connection; the live object keeps its connection and its comparisons.
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

    It 'gives times as ISO-8601 UTC' {
        $parsed.CreationTimestamp | Should -Match '^1970-01-20T06:19:07\.495(Z|\+00:00)$'
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
        $row.CreationTimestamp | Should -BeExactly $Created
        $row.Id | Should -Be $SeedGetId
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

    It 'keeps status, server and times as text' {
        $back.Status | Should -BeExactly 'Failed'
        $back.Server | Should -Be 'sfo-vcf01.rainpole.io'
        $back.CreationTimestamp | Should -BeExactly $Created
        $back.SubTasks[1].Status | Should -BeExactly 'Failed'
    }

    It 'holds nothing of the connection' {
        $back.PSObject.Properties.Name | Should -Not -Contain 'Connection'
        $xml | Should -Not -Match 'FixturePath|seed\.fixture\.json|ConnectedAt'
    }
}

Describe 'The live task' {
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
        $task.CreationTimestamp.Value | Should -Be ([DateTimeOffset]'1970-01-20T06:19:07.495Z')
        "$($task.CreationTimestamp)" | Should -BeExactly $Created
    }
}

Describe 'Format views' {
    It 'show the same time, with its zone, in the table and the list' {
        $table = $task | Format-Table | Out-String -Width 300
        $list = $task | Format-List | Out-String -Width 300
        $table | Should -Match ([regex]::Escape($Created))
        $list | Should -Match "CreationTimestamp\s+:\s+$([regex]::Escape($Created))"
    }

    It 'write every time in the 24 characters of the table''s column, whole seconds and sub-millisecond times alike' {
        foreach ($t in [DateTimeOffset]'2026-11-01T10:00:00Z', [DateTimeOffset]'2026-11-01T10:00:00.5Z', [DateTimeOffset]::new(638980000001234567, [TimeSpan]::Zero)) {
            $text = "$([VcfTasks.VcfTimestamp]::From($t))"
            $text | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$'
            $text.Length | Should -Be 24
        }
    }
}

Describe 'A task time in scripts written for a DateTimeOffset' {
    It 'answers what scripts ask of one: epoch, local time, arithmetic' {
        $t = $task.CreationTimestamp
        $t.ToUnixTimeMilliseconds() | Should -Be 1664347495
        $t.ToLocalTime() | Should -Be ([DateTimeOffset]'1970-01-20T06:19:07.495Z').ToLocalTime()
        $t.AddDays(1) | Should -Be ([DateTimeOffset]'1970-01-21T06:19:07.495Z')
        ($t - [VcfTasks.VcfTimestamp][DateTimeOffset]'1970-01-20T06:19:06.495Z').TotalSeconds | Should -Be 1
        ((Get-Date) - $t).TotalDays | Should -BeGreaterThan 20000
        @($task, [pscustomobject]@{ CreationTimestamp = [VcfTasks.VcfTimestamp][DateTimeOffset]'1969-01-01Z' } | Sort-Object CreationTimestamp)[1].Id | Should -Be $SeedGetId
    }

    It 'has the date parts a DateTimeOffset has, so $_.CreationTimestamp.Date -eq (Get-Date).Date still filters' {
        $t = $task.CreationTimestamp
        $was = [DateTimeOffset]'1970-01-20T06:19:07.495Z'
        $t.Date | Should -Be $was.Date
        $t.DateTime | Should -Be $was.DateTime
        $t.Year, $t.Month, $t.Day, $t.Hour, $t.Minute, $t.Second, $t.Millisecond | Should -Be @(1970, 1, 20, 6, 19, 7, 495)
        $t.DayOfWeek | Should -Be $was.DayOfWeek
        $t.Offset | Should -Be ([TimeSpan]::Zero)
        @($task | Where-Object { $_.CreationTimestamp.Date -eq $was.Date }).Count | Should -Be 1
    }

    It 'compares with a date typed as text, as a DateTimeOffset did (Where-Object CreationTimestamp -gt ''2026-01-01'')' {
        $task.CreationTimestamp -gt '1970-01-01' | Should -BeTrue
        $task.CreationTimestamp -lt '1970-01-01' | Should -BeFalse
        $task.CreationTimestamp -eq '1970-01-20T06:19:07.495Z' | Should -BeTrue
        @($task | Where-Object CreationTimestamp -gt '1971-01-01').Count | Should -Be 0
        @($task | Where-Object CreationTimestamp -lt '1971-01-01').Count | Should -Be 1
    }
}
