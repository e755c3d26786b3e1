# -Debug in a host that cannot ask (pwsh -NonInteractive: a scheduled task, a CI job, a runbook). PowerShell makes
# -Debug on a compiled cmdlet ask "Continue with this operation?" after each debug, verbose and warning message; where
# it cannot ask, that question stopped the command with InvalidOperation. Now the messages are written and the command
# goes on: checked in fresh non-interactive pwsh processes.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'FreshPwsh.ps1')

    # A listing of two pages where task B comes again on the second page (a debug message: skipped) next to an
    # element without an id (a warning), so one command writes all three kinds of message.
    $task = { param($Id, $Name) [ordered]@{ id = $Id; name = $Name; status = 'SUCCESSFUL'; creationTimestamp = '2026-11-01T10:00:00.000Z' } }
    $a = & $task 'dddddddd-0000-4000-8000-00000000000a' 'Task A'
    $b = & $task 'dddddddd-0000-4000-8000-00000000000b' 'Task B'
    $c = & $task 'dddddddd-0000-4000-8000-00000000000c' 'Task C'
    $page = { param($N, $Elements) @{
        request  = @{ method = 'GET'; path = '/v1/tasks'; query = @{ pageNumber = "$N"; pageSize = '100' } }
        response = @{ status = 200; headers = @{ 'Content-Type' = 'application/json' }
                      body = @{ elements = $Elements; pageMetadata = @{ pageNumber = $N; pageSize = 100; totalElements = 4; totalPages = 2 } } } } }
    $script:DebugFixture = Join-Path $TestDrive 'debug.fixture.json'
    @{ description = 'a repeated task and an element without an id'; exchanges = @(
        (& $page 0 @($a, $b)), (& $page 1 @($b, @{ name = 'no id' }, $c))
    ) } | ConvertTo-Json -Depth 20 | Set-Content $DebugFixture

    $script:out = Invoke-FreshPwsh @"
`$ErrorActionPreference = 'Stop'
Import-Module '$env:VCFTASKS_MODULE'
`$null = Connect-VcfSddcManager -Server sfo -FixturePath '$DebugFixture'
`$records = Get-VcfTask -Debug 5>&1 4>&1 3>&1
foreach (`$r in `$records) {
    switch (`$r) {
        { `$_ -is [System.Management.Automation.DebugRecord] } { 'debug: ' + `$_.Message; break }
        { `$_ -is [System.Management.Automation.VerboseRecord] } { 'verbose: ' + `$_.Message; break }
        { `$_ -is [System.Management.Automation.WarningRecord] } { 'warning: ' + `$_.Message; break }
        default { 'task: ' + `$_.Name }
    }
}
`$null = Connect-VcfSddcManager -Server seed -FixturePath '$(Join-Path $env:VCFTASKS_FIXTURES seed.fixture.json)'
try { `$t = Get-VcfTask -Id $SeedGetId -Debug; 'by id: ' + `$t.Id } catch { 'by id failed: ' + `$_.FullyQualifiedErrorId }
'end'
"@
}

Describe 'Get-VcfTask -Debug under pwsh -NonInteractive' {
    It 'writes the debug messages and does not stop' {
        $out | Should -Contain 'debug: Task dddddddd-0000-4000-8000-00000000000b came again on page 1: skipped.'
        $out | Should -Contain 'end'
        $out | Where-Object { $_ -match 'NonInteractive mode|Read and Prompt' } | Should -BeNullOrEmpty
    }

    It 'writes the verbose messages and warnings too, each once, and every task' {
        @($out -match '^verbose: GET /v1/tasks\?pageNumber=0&pageSize=100 ').Count | Should -Be 1
        @($out -match '^verbose: GET /v1/tasks\?pageNumber=1&pageSize=100 ').Count | Should -Be 1
        @($out -match '^warning: Element 1 of page 1 of the task listing has no usable id .*: skipped\.$').Count | Should -Be 1
        @($out -match '^task: ') | Should -Be @('task: Task A', 'task: Task B', 'task: Task C')
    }

    It 'reads a task by id, as the issue''s Get-VcfTask -Id … -Debug did not' {
        $out | Should -Contain "by id: $SeedGetId"
    }
}
