BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    # One listing in which the server spells each state two ways, and an unknown value in two casings.
    $spellings = 'IN_PROGRESS', 'In Progress', 'PENDING', 'Pending', 'FAILED', 'Failed', 'SUCCESSFUL', 'Successful', 'WEIRD_STATE', 'weird_state'
    $elements = for ($i = 0; $i -lt $spellings.Count; $i++) {
        [ordered]@{ id = "task-$i"; name = "Task $i"; status = $spellings[$i] }
    }
    $fixture = Join-Path ([IO.Path]::GetTempPath()) "vcftasks-status-$([guid]::NewGuid()).fixture.json"
    @{
        description = 'every state in two spellings'
        exchanges   = @(@{
                request  = @{ method = 'GET'; path = '/v1/tasks'; query = @{ pageNumber = '0'; pageSize = '100' } }
                response = @{ status = 200; headers = @{ 'Content-Type' = 'application/json' }; body = @{ elements = @($elements) } }
            })
    } | ConvertTo-Json -Depth 10 | Set-Content $fixture
    $conn = Connect-Fixture $fixture -NotDefault
    $tasks = @(Get-VcfTask -Server $conn)
}

AfterAll {
    Disconnect-VcfSddcManager -Server $conn -Confirm:$false -ErrorAction SilentlyContinue
    Remove-Item $fixture -ErrorAction SilentlyContinue
}

Describe 'A status is one value whatever the spelling' {
    It 'reads all ten tasks with their raw spellings' {
        $tasks.Status.Raw | Should -BeExactly $spellings
    }

    It 'Group-Object Status makes one group per state (and one for the unknown value in either casing)' {
        $groups = $tasks | Group-Object Status
        $groups.Count | Should -Be 5
        ($groups | Where-Object Name -eq 'InProgress').Count | Should -Be 2
        ($groups | Where-Object Name -eq 'WEIRD_STATE').Count | Should -Be 2
    }

    It 'Sort-Object Status -Unique keeps one task per state' {
        @($tasks | Sort-Object Status -Unique).Count | Should -Be 5
    }

    It 'Select-Object -Unique on the statuses keeps one per state' {
        @($tasks.Status | Select-Object -Unique).Count | Should -Be 5
    }

    It 'Sort-Object Status puts the two spellings of a state side by side, unknown first' {
        $sorted = @($tasks | Sort-Object Status)
        $sorted[0..1].Status.Raw | Should -Be @('WEIRD_STATE', 'weird_state')
        @($sorted.Status.State | Select-Object -Unique) | Should -Be @('Unknown', 'Pending', 'InProgress', 'Successful', 'Failed')
    }

    It 'a status on the left of -eq and -ne matches every spelling: <Spelling>' -TestCases @(
        @{ Spelling = 'In Progress' }, @{ Spelling = 'IN_PROGRESS' }, @{ Spelling = 'InProgress' }, @{ Spelling = 'in progress' }
    ) {
        @($tasks | Where-Object Status -eq $Spelling).Id | Should -Be @('task-0', 'task-1')
        @($tasks | Where-Object { $_.Status -eq $Spelling }).Id | Should -Be @('task-0', 'task-1')
        @($tasks | Where-Object Status -ne $Spelling).Count | Should -Be 8
    }

    It 'an unknown value matches its own text in any casing, and nothing else' {
        @($tasks | Where-Object Status -eq 'Weird_State').Id | Should -Be @('task-8', 'task-9')
    }

    It '-in and -notin with states or statuses on the right match every spelling' {
        $running = [VcfTasks.VcfTaskState]::InProgress, [VcfTasks.VcfTaskState]::Pending
        @($tasks | Where-Object Status -in $running).Id | Should -Be @('task-0', 'task-1', 'task-2', 'task-3')
        @($tasks | Where-Object Status -notin $running).Count | Should -Be 6
        $wanted = [VcfTasks.VcfTaskStatus[]]('In Progress', 'pending')
        @($tasks | Where-Object Status -in $wanted).Id | Should -Be @('task-0', 'task-1', 'task-2', 'task-3')
        @($tasks | Where-Object { $_.Status.State -in 'InProgress', 'Pending' }).Count | Should -Be 4
    }

    It '-contains with the statuses on the left matches every spelling' {
        $tasks.Status -contains 'in progress' | Should -BeTrue
        $tasks.Status -contains 'IN_PROGRESS' | Should -BeTrue
        $tasks.Status -notcontains 'CANCELLED' | Should -BeTrue
    }

    # PowerShell compares a string on the left as text: it turns the status into its one text (the state's name) first.
    # These are the forms the README and about_VcfTasks tell people to avoid; the test pins what they do.
    It 'with text on the left, PowerShell compares text: only the state''s name (InProgress) matches' {
        @($tasks | Where-Object { 'In Progress' -eq $_.Status }).Count | Should -Be 0
        @($tasks | Where-Object { 'InProgress' -eq $_.Status }).Count | Should -Be 2
        @($tasks | Where-Object Status -in 'In Progress', 'IN_PROGRESS').Count | Should -Be 0
        @($tasks | Where-Object Status -in 'InProgress', 'Pending').Count | Should -Be 4
    }
}

Describe 'Messages spell a status one way: as the API names it (FAILED, IN_PROGRESS), whatever the server sent' {
    BeforeAll {
        Import-Module (Join-Path $env:VCFTASKS_REPO 'tools/VcfSimulator.psm1') -Force
        # The simulator spells task statuses both ways (FAILED and Failed, IN_PROGRESS and In Progress), as real
        # servers do; steps of a minute keep the running tasks running for the length of the test.
        $sim = Start-VcfSimulator -Tasks 300 -Seed 7 -StepMs 60000 -RetryFailurePercent 0
        $simConn = Connect-Sim
        $running = @(Get-VcfTask -Server $simConn -Status IN_PROGRESS | Where-Object IsCancellable)
        $failed = @(Get-VcfTask -Server $simConn -Status FAILED)
        # Two of each spelling (the server's own words are kept on the objects: Status.Raw).
        function Get-BothSpellings($Tasks) { @($Tasks | Group-Object -CaseSensitive { $_.Status.Raw } | ForEach-Object { $_.Group | Select-Object -First 2 }) }
    }
    AfterAll {
        if ($simConn) { Disconnect-VcfSddcManager -Server $simConn -Confirm:$false }
        if ($sim) { Stop-VcfSimulator $sim }
    }

    It 'a wait that times out says "still IN_PROGRESS" for every running task, "In Progress" ones included' {
        $some = Get-BothSpellings $running
        @($some.Status.Raw) -ccontains 'IN_PROGRESS' | Should -BeTrue
        @($some.Status.Raw) -ccontains 'In Progress' | Should -BeTrue
        $null = $some | Wait-VcfTask -TimeoutSec 1 -ErrorVariable errs -ErrorAction SilentlyContinue
        Get-ErrorId $errs | Sort-Object -Unique | Should -Be @('VcfWaitTimeout')
        $errs.Count | Should -Be $some.Count
        foreach ($e in $errs) { $e.Exception.Message | Should -BeLikeExactly '* is still IN_PROGRESS after *' }
    }

    It 'a failed task says "ended FAILED" for every failed task, "Failed" ones included' {
        $some = Get-BothSpellings $failed
        @($some.Status.Raw) -ccontains 'FAILED' | Should -BeTrue
        @($some.Status.Raw) -ccontains 'Failed' | Should -BeTrue
        $null = $some | Wait-VcfTask -ErrorVariable errs -ErrorAction SilentlyContinue
        Get-ErrorId $errs | Sort-Object -Unique | Should -Be @('VcfTaskFailed')
        $errs.Count | Should -Be $some.Count
        foreach ($e in $errs) { $e.Exception.Message | Should -BeLikeExactly "Task * ended FAILED*" }
    }

    It 'the target a question or -Force names says (id, IN_PROGRESS) for every running task, "In Progress" ones included' {
        $some = Get-BothSpellings $running
        $verbose = @($some | Stop-VcfTask -Force -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } |
                ForEach-Object Message | Where-Object { $_ -like 'Performing the operation*' })
        $verbose.Count | Should -Be $some.Count
        for ($i = 0; $i -lt $some.Count; $i++) { $verbose[$i] | Should -BeLikeExactly "*($($some[$i].Id), IN_PROGRESS) on $($simConn.Server)*" }
    }
}
