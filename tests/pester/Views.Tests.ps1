# The task views, rendered as a console of 80, 120 and 200 columns would show them (Out-String -Width): what can be
# read in each. The table has fixed widths for status (10), created (22), took (6) and steps (5); Name and Id share
# the rest, so a name keeps at least 15 characters at 80 columns and 30 at 120, and the Id is whole from 120 on.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $env:VCFTASKS_REPO 'tools/VcfSimulator.psm1') -Force
    $script:sim = Start-VcfSimulator -Tasks 60 -Seed 3 -StepMs 100 -RetryFailurePercent 0
    $script:conn = Connect-Sim -AsDefault
    $script:tasks = @(Get-VcfTask)
    # The longest names a console must show: the simulator's, and one longer than any of them.
    $long = [VcfTasks.VcfTask]@{ Id = 'aaaaaaaa-0000-4000-8000-000000000001'; Name = 'Upgrade the management domain to VMware Cloud Foundation 5.2.1 and beyond, with NSX' }
    $script:all = @($tasks) + $long

    # The rendered lines of $Objects at $Width columns, without the blank ones.
    function Show([object[]] $Objects, [int] $Width, [string] $View) {
        $format = @{}
        if ($View) { $format.View = $View }
        @(($Objects | Format-Table @format | Out-String -Width $Width) -split '\r?\n' | Where-Object { $_.Trim() })
    }
    # The row of a task: the line that holds the start of its id (the first 8 characters are unique here).
    function RowsOf($Lines, $Task) { @($Lines | Where-Object { $_.Contains($Task.Id.Substring(0, 8)) }) }
    function RowOf($Lines, $Task) { RowsOf $Lines $Task | Select-Object -First 1 }
}
AfterAll {
    Get-VcfSddcManagerConnection | Disconnect-VcfSddcManager -WarningAction SilentlyContinue
    if ($sim) { Stop-VcfSimulator $sim }
}

Describe 'The default task table' {
    It 'at <Width> columns: one header line, one line a task, no line wider than the console' -ForEach @(
        @{ Width = 80 }, @{ Width = 120 }, @{ Width = 200 }
    ) {
        $lines = Show $all $Width
        $lines[0] | Should -Match '^Status\s+Created\s+Took\s+Steps\s+Name\s+Id$'
        $lines[1] | Should -Match '^-+ +-+ +-+ +-+ +-+ +-+$'
        $lines.Count | Should -Be ($all.Count + 2)
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual $Width }
    }

    It 'at <Width> columns shows the first <Chars> characters of every name (and all of a shorter one)' -ForEach @(
        @{ Width = 79; Chars = 15 }, @{ Width = 80; Chars = 15 }, @{ Width = 120; Chars = 30 }, @{ Width = 200; Chars = 75 }
    ) {
        $lines = Show $all $Width
        foreach ($t in $all) {
            $shown = $t.Name.Substring(0, [Math]::Min($Chars, $t.Name.Length))
            @(RowsOf $lines $t).Count | Should -Be 1 -Because "task $($t.Id) has one row"
            RowOf $lines $t | Should -Match ([regex]::Escape($shown)) -Because "$Width columns show '$shown' of '$($t.Name)'"
        }
    }

    It 'shows the whole id from 120 columns on, and its start at 80' {
        foreach ($t in $all) {
            RowOf (Show $all 120) $t | Should -Match "$($t.Id)$"
            RowOf (Show $all 200) $t | Should -Match "$($t.Id)$"
            RowOf (Show $all 80) $t | Should -Match "$([regex]::Escape($t.Id.Substring(0, 15)))"
        }
    }

    It 'shows status, created time (local, to the minute, with its zone), how long it took and steps done at 80 columns' {
        $lines = Show $tasks 80
        foreach ($t in $tasks) {
            $row = RowOf $lines $t
            $status = [VcfTasks.TaskTable]::Status($t)
            $status.Length | Should -BeLessOrEqual 10
            $row | Should -Match "^$([regex]::Escape($status))\s"
            $row | Should -Match ([regex]::Escape($t.CreationTimestamp.ToString("yyyy-MM-dd'T'HH:mmzzz")))
            $row | Should -Match "\s$($t.SubTasksDone)/$($t.SubTaskCount)\s"
            if ($t.CompletionTimestamp) { $row | Should -Match '\s\d+[dhms]\d*[hms]?\s' }
        }
    }

    It 'writes the short forms it promises: <Raw> as <Short>' -ForEach @(
        @{ Raw = 'COMPLETED_WITH_WARNING'; Short = 'Warning' }, @{ Raw = 'NOT_APPLICABLE'; Short = 'N/A' },
        @{ Raw = 'USER_CANCELLED'; Short = 'Cancelled' }, @{ Raw = 'IN_PROGRESS'; Short = 'InProgress' },
        @{ Raw = 'SUCCESSFUL'; Short = 'Successful' }, @{ Raw = 'FAILED'; Short = 'Failed' }
    ) {
        $path = Join-Path $TestDrive "$Raw.fixture.json"
        $task = @{ id = 'bbbbbbbb-0000-4000-8000-000000000001'; name = "A task $Raw"; status = $Raw }
        @{ exchanges = @(@{ request = @{ method = 'GET'; path = '/v1/tasks/bbbbbbbb-0000-4000-8000-000000000001' }
                            response = @{ status = 200; headers = @{ 'Content-Type' = 'application/json' }; body = $task } }) } |
            ConvertTo-Json -Depth 10 | Set-Content $path
        $c = Connect-VcfSddcManager -Server "short-$Raw" -FixturePath $path -NotDefault
        try {
            $t = Get-VcfTask -Id $task.id -Server $c
            RowOf (Show $t 80) $t | Should -Match "^$([regex]::Escape($Short))\s+\d{4}-|^$([regex]::Escape($Short))\s+ +"
            ($t | Format-List | Out-String) | Should -Match "Status\s+:\s+$($t.Status)"
        } finally {
            Disconnect-VcfSddcManager -Server $c
        }
    }

    It 'writes how long a finished task took in at most 6 characters, and nothing while it runs' {
        # PowerShell shows the times as DateTimes that cannot be set; the .NET properties can.
        $task = [VcfTasks.VcfTask]::new()
        $created = [DateTimeOffset]'2026-11-30T10:00:00Z'
        $creation = [VcfTasks.VcfTask].GetProperty('CreationTimestamp')
        $completion = [VcfTasks.VcfTask].GetProperty('CompletionTimestamp')
        foreach ($pair in @((45, '45s'), (723, '12m03s'), (18420, '5h07m'), (273600, '3d04h'), (10368000, '120d'))) {
            $creation.SetValue($task, [Nullable[DateTimeOffset]]$created)
            $completion.SetValue($task, [Nullable[DateTimeOffset]]$created.AddSeconds($pair[0]))
            [VcfTasks.TaskTable]::Took($task) | Should -BeExactly $pair[1]
        }
        $completion.SetValue($task, $null)
        [VcfTasks.TaskTable]::Took($task) | Should -BeExactly ''
    }
}

Describe 'The list view' {
    It 'keeps everything: the full status, times to the millisecond with their zone, the server' {
        $t = $tasks | Where-Object CompletionTimestamp | Select-Object -First 1
        $text = $t | Format-List | Out-String -Width 80
        $text | Should -Match "CreationTimestamp\s+:\s+$([regex]::Escape($t.CreationTimestamp.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz")))"
        $text | Should -Match "CompletionTimestamp\s+:\s+$([regex]::Escape($t.CompletionTimestamp.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz")))"
        $text | Should -Match "Server\s+:\s+$([regex]::Escape($t.Server))"
        $text | Should -Match "Status\s+:\s+$($t.Status)"
    }
}

Describe 'Tasks from more than one connection' {
    BeforeAll {
        $script:a = Connect-Fixture seed.fixture.json -Server 'sfo-m01-sddc01.sfo.rainpole.io' -NotDefault
        $script:b = Connect-Fixture seed.fixture.json -Server 'lax-vcf01.rainpole.io' -NotDefault
        $script:both = @(Get-VcfTask -Server $a, $b)
    }

    It 'Format-Table -View Server shows the whole server each task came from, and 30 characters of its name, at <Width> columns' -ForEach @(@{ Width = 120 }, @{ Width = 200 }) {
        $both.Count | Should -BeGreaterThan 2
        $lines = Show $both $Width 'Server'
        $lines[0] | Should -Match '^Server\s+Status\s+Created\s+Steps\s+Name$'
        $lines.Count | Should -Be ($both.Count + 2)
        foreach ($server in 'sfo-m01-sddc01.sfo.rainpole.io', 'lax-vcf01.rainpole.io') {
            $rows = @($lines | Where-Object { $_.StartsWith("$server ") })
            $rows.Count | Should -Be @($both | Where-Object Server -eq $server).Count
            foreach ($t in $both | Where-Object Server -eq $server) {
                $rows -match [regex]::Escape($t.Name.Substring(0, [Math]::Min(30, $t.Name.Length))) | Should -Not -BeNullOrEmpty
            }
        }
    }
}
