# Task, subtask and stage times are local [DateTime]s, as Get-Date and PowerShell's own cmdlets give: every member
# of a DateTime works, they compare with Get-Date as moments, and they keep their type and moment through
# Export-Clixml/Import-Clixml. Checked here, in this pwsh, and in fresh pwsh processes whose time zone is far from
# UTC (America/Los_Angeles, UTC-8 in winter, and Asia/Kolkata, UTC+5:30): a UTC time compared with a local Get-Date
# would be off there by hours, which the tasks below (2 hours and 2 days old) turn into wrong answers.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'FreshPwsh.ps1')

    # A fixture of two tasks, timed from now: 'recent' was created 2 hours ago and finished 1 hour ago; 'old' was
    # created 2 days ago and is still running. Its times are written in UTC, as SDDC Manager writes them.
    $now = [DateTimeOffset]::UtcNow
    function Iso([DateTimeOffset] $t) { $t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", [cultureinfo]::InvariantCulture) }
    $script:Recent = [ordered]@{
        id = '11111111-0000-4000-8000-000000000001'; name = 'Recent task'; status = 'SUCCESSFUL'
        creationTimestamp = Iso $now.AddHours(-2); completionTimestamp = Iso $now.AddHours(-1)
        subTasks = @([ordered]@{ name = 'Step'; status = 'SUCCESSFUL'; creationTimestamp = Iso $now.AddHours(-2); completionTimestamp = Iso $now.AddHours(-1)
                stages = @([ordered]@{ name = 'Stage'; status = 'SUCCESSFUL'; creationTimestamp = Iso $now.AddHours(-2); completionTimestamp = Iso $now.AddMinutes(-90) }) })
    }
    $old = [ordered]@{ id = '11111111-0000-4000-8000-000000000002'; name = 'Old task'; status = 'IN_PROGRESS'; creationTimestamp = Iso $now.AddDays(-2) }
    $script:RecentCreatedUtc = [DateTimeOffset]::Parse($Recent.creationTimestamp, [cultureinfo]::InvariantCulture)
    $exchanges = @(
        @{ request = @{ method = 'GET'; path = '/v1/tasks'; query = @{ pageNumber = '0'; pageSize = '100' } }
           response = @{ status = 200; headers = @{ 'Content-Type' = 'application/json' }
                         body = @{ elements = @($Recent, $old); pageMetadata = @{ pageNumber = 0; pageSize = 100; totalElements = 2; totalPages = 1 } } } }
    )
    $script:TimedFixture = Join-Path $TestDrive 'timed.fixture.json'
    @{ description = 'two tasks timed from now'; exchanges = $exchanges } | ConvertTo-Json -Depth 20 | Set-Content $TimedFixture

    # What a fresh pwsh in time zone $Zone says of those tasks, as 'name: value' lines.
    function Get-ZoneAnswers([string] $Zone) {
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$env:VCFTASKS_MODULE'
`$null = Connect-VcfSddcManager -Server sfo -FixturePath '$TimedFixture'
`$tasks = @(Get-VcfTask)
`$recent = `$tasks | Where-Object Name -eq 'Recent task'
'zone: ' + [TimeZoneInfo]::Local.BaseUtcOffset
'kind: ' + `$recent.CreationTimestamp.Kind
'utc: ' + `$recent.CreationTimestamp.ToUniversalTime().ToString('o')
'last 3h: ' + @(`$tasks | Where-Object CreationTimestamp -gt (Get-Date).AddHours(-3)).Name -join ','
'last 1h: ' + @(`$tasks | Where-Object CreationTimestamp -gt (Get-Date).AddHours(-1)).Name -join ','
'done in the last 90m: ' + @(`$tasks | Where-Object CompletionTimestamp -gt (Get-Date).AddMinutes(-90)).Name -join ','
'subtask and stage: ' + (`$recent.SubTasks[0].CreationTimestamp -eq `$recent.CreationTimestamp) + ',' + `$recent.SubTasks[0].Stages[0].CompletionTimestamp.Kind
`$tasks | Export-Clixml (Join-Path '$TestDrive' "tasks-`$PID.xml")
`$back = @(Import-Clixml (Join-Path '$TestDrive' "tasks-`$PID.xml"))
'clixml type: ' + `$back[0].CreationTimestamp.GetType().FullName + ',' + `$back[0].CreationTimestamp.Kind
'clixml last 3h: ' + @(`$back | Where-Object CreationTimestamp -gt (Get-Date).AddHours(-3)).Name -join ','
'clixml same moment: ' + (`$back[0].CreationTimestamp.ToUniversalTime() -eq `$recent.CreationTimestamp.ToUniversalTime())
'list: ' + ((`$recent | Format-List | Out-String -Width 200) -split '\r?\n' | Where-Object { `$_ -match '^CreationTimestamp' })
'table: ' + ((`$recent | Format-Table | Out-String -Width 200) -split '\r?\n' | Where-Object { `$_ -match 'Recent task' })
"@
        $was = $env:TZ
        try {
            # The child inherits this process's environment; .NET in this process read its zone long ago.
            $env:TZ = $Zone
            Invoke-FreshPwsh $script
        } finally {
            $env:TZ = $was
        }
    }
}
AfterAll { Get-VcfSddcManagerConnection | Disconnect-VcfSddcManager -WarningAction SilentlyContinue }

Describe 'A task time is a [DateTime]' {
    BeforeAll {
        $null = Connect-Fixture seed.fixture.json
        $script:task = Get-VcfTask -Id $SeedGetId
        $script:t = $task.CreationTimestamp
        $script:was = [DateTimeOffset]'1970-01-20T06:19:07.495Z'
    }

    It 'is a local DateTime for the moment the server sent, on the task, its subtasks and their stages' {
        $t | Should -BeOfType [datetime]
        $t.Kind | Should -Be 'Local'
        $t.ToUniversalTime() | Should -Be $was.UtcDateTime
        $task.SubTasks[0].CreationTimestamp | Should -BeOfType [datetime]
        $task.SubTasks[0].CreationTimestamp.ToUniversalTime() | Should -Be ([DateTimeOffset]'2019-06-20T12:03:18.890Z').UtcDateTime
        $task.CompletionTimestamp | Should -BeNullOrEmpty
    }

    It 'has every DateTime member: format strings, Ticks, DayOfYear, TimeOfDay, AddMonths, Subtract, ToFileTime' {
        $local = $was.LocalDateTime
        $t.ToString('yyyy-MM-dd') | Should -Be $local.ToString('yyyy-MM-dd')
        $t.Ticks | Should -Be $local.Ticks
        $t.DayOfYear | Should -Be $local.DayOfYear
        $t.TimeOfDay | Should -Be $local.TimeOfDay
        $t.AddMonths(1) | Should -Be $local.AddMonths(1)
        $t.Subtract([datetime]::UnixEpoch.ToLocalTime()).TotalMilliseconds | Should -Be 1664347495
        $t.ToFileTime() | Should -Be $was.ToFileTime()
        $t.ToUniversalTime().ToString('o') | Should -Be '1970-01-20T06:19:07.4950000Z'
    }

    It 'groups by day with a format string, as PowerShell''s own dates do' {
        $listed = @(Get-VcfTask)
        $groups = @($listed + $task | Group-Object { $_.CreationTimestamp.ToString('yyyy-MM-dd') })
        $groups.Name | Should -Contain $was.LocalDateTime.ToString('yyyy-MM-dd')
        ($groups | Measure-Object Count -Sum).Sum | Should -Be ($listed.Count + 1)
    }

    It 'compares with Get-Date and sorts as a moment' {
        $t -lt (Get-Date) | Should -BeTrue
        $t -gt [datetime]'1970-01-01' | Should -BeTrue
        ((Get-Date) - $t).TotalDays | Should -BeGreaterThan 20000
        @($task, [pscustomobject]@{ CreationTimestamp = [datetime]'1969-01-01' } | Sort-Object CreationTimestamp)[1].Id | Should -Be $SeedGetId
    }
}

Describe 'Task times in a time zone far from UTC' -ForEach @(
    @{ Zone = 'America/Los_Angeles'; Offset = '-0[78]:00:00' }
    @{ Zone = 'Asia/Kolkata'; Offset = '05:30:00' }
) {
    BeforeAll { $script:answers = Get-ZoneAnswers $Zone }

    It 'runs in <Zone>' {
        $answers | Should -Contain ($answers | Where-Object { $_ -match "^zone: $Offset$" })
        ($answers -match '^zone: ').Count | Should -Be 1
    }

    It 'are local DateTimes for the moment the server sent' {
        $answers | Should -Contain 'kind: Local'
        $answers | Should -Contain ('utc: ' + $RecentCreatedUtc.UtcDateTime.ToString('o'))
        $answers | Should -Contain 'subtask and stage: True,Local'
    }

    It 'compare with Get-Date as moments: the 2-hour-old task is in the last 3 hours and not in the last hour' {
        $answers | Should -Contain 'last 3h: Recent task'
        $answers | Should -Contain 'last 1h: '
        $answers | Should -Contain 'done in the last 90m: Recent task'
    }

    It 'keep their type, their moment and their comparisons through Export-Clixml and Import-Clixml' {
        $answers | Should -Contain 'clixml type: System.DateTime,Local'
        $answers | Should -Contain 'clixml last 3h: Recent task'
        $answers | Should -Contain 'clixml same moment: True'
    }

    It 'show in the views as ISO-8601 in local time with the zone' {
        $local = [TimeZoneInfo]::ConvertTime($RecentCreatedUtc, [TimeZoneInfo]::FindSystemTimeZoneById($Zone))
        $zone = $local.ToString('zzz')
        $zone | Should -Not -Be '+00:00'
        $answers | Should -Contain ('list: CreationTimestamp   : ' + $local.ToString("yyyy-MM-dd'T'HH:mm:ss.fff") + $zone)
        ($answers -match '^table: ') | Should -Match ([regex]::Escape($local.ToString("yyyy-MM-dd'T'HH:mm") + $zone))
    }
}
