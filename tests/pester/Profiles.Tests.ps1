# The module against servers that are not the one it was written with: the simulator playing SDDC Manager 4.5
# (one unpaged answer, no taskName, no isRetryable/isCancellable), 5.2 (no doLiveRefresh) and 9.0, and 9.0 with
# --quirks (explicit nulls, values of the wrong kind, unknown fields at every depth, every timestamp form and
# status spelling). Each server holds the same tasks as a plain 9.0 reference (same seed and anchor), so what
# the module shows is compared with what it shows against that reference.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $env:VCFTASKS_REPO 'tools/VcfSimulator.psm1') -Force

    $script:SimArgs = @{ Tasks = 200; Seed = 11; Anchor = [DateTimeOffset]'2026-11-20T00:00:00Z'; StepMs = 100; RetryFailurePercent = 0 }
    $reference = Start-VcfSimulator @SimArgs
    try {
        $script:Expected = @(Get-VcfTask -Server (Connect-Sim -S $reference))
    }
    finally { Stop-VcfSimulator $reference }

    # What a test compares of a task. SKIPPED, which only the quirks mode makes (of SUCCESSFUL tasks), compares as
    # Successful; its flags are still compared. -Fallback gives the flags a client works out when the server does
    # not send them (VcfTask.cs): retryable when FAILED, cancellable when IN_PROGRESS. (A credentials task is
    # retryable when FAILED whatever the server says: it is retried through the credentials API, issue 15.)
    function script:Format-Task {
        param([Parameter(ValueFromPipeline)] $Task, [switch] $Fallback)
        process {
            $state = if ($Task.Status.Raw -eq 'SKIPPED') { 'Successful' } else { $Task.Status.State }
            $retryable = if ($Fallback) { $Task.Status -eq 'Failed' } else { $Task.IsRetryable }
            $cancellable = if ($Fallback) { $Task.Status -eq 'In Progress' } else { $Task.IsCancellable }
            "$($Task.Id) $state retryable=$retryable cancellable=$cancellable credentials=$($Task.IsCredentialsTask)"
        }
    }

    # Per task: 'same' time as the reference's, or 'unreadable' (null), or the difference.
    function script:Compare-Time {
        param($Got, $Want, [string] $Property)
        for ($i = 0; $i -lt $Want.Count; $i++) {
            $g = $Got[$i].$Property; $w = $Want[$i].$Property
            if ($null -eq $w -and $null -eq $g) { 'same' }
            elseif ($null -eq $g) { 'unreadable' }
            elseif ($g -eq $w) { 'same' }
            else { "$($Want[$i].Id): $g instead of $w" }
        }
    }
}

Describe 'Against <Name>' -ForEach @(
    @{ Name = 'SDDC Manager 4.5'; Api = '4.5'; Quirks = $false }
    @{ Name = 'SDDC Manager 5.2'; Api = '5.2'; Quirks = $false }
    @{ Name = 'SDDC Manager 9.0'; Api = '9.0'; Quirks = $false }
    @{ Name = 'a server with quirks (9.0)'; Api = '9.0'; Quirks = $true }
) {
    BeforeAll {
        $script:Listed = @()   # filled by the first test; never the previous server's
        $sim = Start-VcfSimulator @SimArgs -Api $Api -Quirks:$Quirks
        $c = Connect-Sim
        $paged = $Api -ne '4.5'
        # Targets, chosen from the reference: one failed task to retry and wait for, one running task to stop.
        $waitTarget = $Expected | Where-Object { $_.Status -eq 'Failed' -and $_.IsRetryable -and -not $_.IsCredentialsTask } | Select-Object -First 1
        $stopTarget = $Expected | Where-Object { $_.Status -eq 'In Progress' -and $_.IsCancellable } | Select-Object -First 1
    }
    AfterAll { if ($sim) { Stop-VcfSimulator $sim } }

    It 'Get-VcfTask lists the reference''s tasks with their states and flags, in the requests the version calls for, without a warning' {
        $before = Get-SimMarker
        $script:Listed = @(Get-VcfTask -Server $c -WarningVariable warnings -ErrorVariable errs)
        # 4.5 sends no flags: a running credentials task then looks cancellable (the server will say 409).
        ($Listed | Format-Task) | Should -Be ($Expected | Format-Task -Fallback:($Api -eq '4.5'))
        $warnings | Should -BeNullOrEmpty
        $errs | Should -BeNullOrEmpty
        # Every request of the listing, once each is logged (the last page's entry may come after the listing ends:
        # a plain Get-SimLog here once saw only page 0).
        $queries = @((Get-SimLogSince $before).query)
        if ($paged) { $queries | Should -Be @('?pageNumber=0&pageSize=100', '?pageNumber=1&pageSize=100') }
        else { $queries | Should -Be @('?pageNumber=0&pageSize=100') }   # 4.5 sends all 200 at once
    }

    It 'reads isRetryable and isCancellable where the version sends them, and falls back on the status where it does not' {
        # Where the server's isRetryable is the fallback's answer for every task, the headline pipeline retries the same tasks on every version.
        ($Expected | Format-Task -Fallback) -match 'retryable=True' | Should -Be (($Expected | Format-Task) -match 'retryable=True')
        $reported = @($Listed | Where-Object { $null -ne $_.ReportedIsRetryable -and $null -ne $_.ReportedIsCancellable })
        if ($Api -eq '4.5') { $reported | Should -BeNullOrEmpty }
        elseif ($Quirks) { $reported.Count | Should -BeGreaterThan 0; $reported.Count | Should -BeLessThan $Listed.Count }
        else { $reported.Count | Should -Be $Listed.Count }
    }

    It 'reads every timestamp it can and leaves the unreadable ones empty' {
        foreach ($property in 'CreationTimestamp', 'CompletionTimestamp') {
            $verdicts = @(Compare-Time $Listed $Expected $property)
            @($verdicts | Where-Object { $_ -notin 'same', 'unreadable' }) | Should -BeNullOrEmpty
            ($verdicts -contains 'unreadable') | Should -Be $Quirks -Because "only the quirks mode writes unreadable $property values"
        }
    }

    It 'Get-VcfTask -Name filters on the client too, whether or not the version has taskName' {
        Clear-SimLog
        $got = @(Get-VcfTask -Server $c -Name 'commission')
        $got.Id | Should -Be @($Listed | Where-Object Name -like '*commission*').Id
        $got.Count | Should -BeGreaterThan 0
        (Get-SimLog).query | Should -Be @('?pageNumber=0&pageSize=100&taskName=commission')
    }

    It 'Get-VcfTask -Id reads each task with one GET and shows it as the reference does' {
        $ids = @($SeedGetId, $SeedCredentialsId, $stopTarget.Id)
        Clear-SimLog
        $got = @(Get-VcfTask -Server $c -Id $ids)
        ($got | Format-Task) | Should -Be @($ids | ForEach-Object { $id = $_; $Expected | Where-Object Id -eq $id } | Format-Task)
        (Format-SimLog (Get-SimLog)) | Should -Be @($ids | ForEach-Object { "GET /v1/tasks/$_ 200" })

        Get-VcfTask -Server $c -Id ([guid]::NewGuid()) -ErrorVariable missing -ErrorAction SilentlyContinue
        Get-ErrorId $missing | Should -Be 'VcfTaskNotFound'
    }

    It 'Wait-VcfTask waits for a retried task until it has succeeded, reading only that task' {
        Invoke-VcfTaskRetry -Server $c -Id $waitTarget.Id
        Clear-SimLog
        $done = @(Wait-VcfTask -Server $c -Id $waitTarget.Id -TimeoutSec 60 -ErrorVariable errs)
        $done.Id | Should -Be $waitTarget.Id
        $done[0].Status -eq 'Successful' | Should -BeTrue
        $done[0].IsComplete | Should -BeTrue
        $errs | Should -BeNullOrEmpty
        $log = @(Format-SimLog (Get-SimLog))
        $log.Count | Should -BeGreaterThan 0
        $log | Sort-Object -Unique | Should -Be "GET /v1/tasks/$($waitTarget.Id) 200"
    }

    It 'Stop-VcfTask cancels a running task with one DELETE and shows it cancelled' {
        $task = $Listed | Where-Object Id -eq $stopTarget.Id
        Clear-SimLog
        $after = $task | Stop-VcfTask -Force -PassThru
        $after.Id | Should -Be $stopTarget.Id
        $after.Status -eq 'Cancelled' | Should -BeTrue
        $after.IsCancellable | Should -BeFalse
        (Format-SimLog (Get-SimLog)) | Should -Be @("DELETE /v1/tasks/$($stopTarget.Id) 200", "GET /v1/tasks/$($stopTarget.Id) 200")
    }

    It 'Get-VcfTask -Status Failed | Where-Object IsRetryable | Invoke-VcfTaskRetry -Wait retries each failed, retryable task once and emits it succeeded' {
        # Tasks retried through /v1/tasks; credentials tasks on each version are Credentials.Tests' ('On <Name>').
        $retryable = @($Expected | Where-Object { $_.Status -eq 'Failed' -and $_.IsRetryable -and -not $_.IsCredentialsTask -and $_.Id -ne $waitTarget.Id })
        $retryable.Count | Should -BeGreaterThan 10
        Clear-SimLog
        $out = @(Get-VcfTask -Server $c -Status Failed -WarningVariable listWarnings |
            Where-Object { $_.IsRetryable -and -not $_.IsCredentialsTask } | Invoke-VcfTaskRetry -Wait -ErrorVariable errs -WarningVariable warnings)

        ($out.Id | Sort-Object) | Should -Be ($retryable.Id | Sort-Object)
        @($out | Where-Object { -not ($_.Status -eq 'Successful' -and $_.IsComplete) }) | Should -BeNullOrEmpty
        $errs | Should -BeNullOrEmpty
        $listWarnings | Should -BeNullOrEmpty
        $warnings | Should -BeNullOrEmpty
        $log = @(Get-SimLog)
        $listings = @($log | Where-Object { $_.path -eq '/v1/tasks' }).query
        $listings[0] | Should -Be '?pageNumber=0&pageSize=100&taskStatus=FAILED'
        # The rest are the wait's: the running tasks, and the ones completed since the retries' old completions.
        foreach ($q in @($listings | Select-Object -Skip 1)) { $q | Should -Match '^\?pageNumber=\d+&pageSize=100&(taskStatus=IN_PROGRESS|completedAfter=\d+)$' }
        $patches = @($log | Where-Object method -eq PATCH)
        ($patches.path | Sort-Object) | Should -Be @($retryable.Id | ForEach-Object { "/v1/tasks/$_" } | Sort-Object)
        @($log | Where-Object status -ne 200) | Should -BeNullOrEmpty
    }
}

Describe 'SDDC Manager 4.5 with exactly one page''s worth of tasks' {
    BeforeAll { $sim = Start-VcfSimulator -Tasks 100 -Seed 11 -Api 4.5 }
    AfterAll { if ($sim) { Stop-VcfSimulator $sim } }

    It 'a full page without pageMetadata makes the client ask for page 1; the repeat ends the listing with a warning and every task once' {
        $c = Connect-Sim
        $before = Get-SimMarker
        $got = @(Get-VcfTask -Server $c -WarningVariable warnings -WarningAction SilentlyContinue)
        $got.Id | Should -Be @(Invoke-VcfSimulatorControl $sim GET /_sim/tasks)
        @($warnings.Message) | Should -Be @('The task listing may be incomplete: page 1 repeated page 0: the server seems to ignore paging; 100 were listed, and the server gave no count to check them against.')
        # Every request of the listing, once each is logged (the last page's entry may come after the listing ends).
        (Get-SimLogSince $before).query | Should -Be @('?pageNumber=0&pageSize=100', '?pageNumber=1&pageSize=100')
    }
}

Describe 'A server with quirks whose listing holds elements that are not tasks (--junk-elements)' {
    BeforeAll {
        $sim = Start-VcfSimulator @SimArgs -Quirks -JunkElements
        $c = Connect-Sim
        $skippedNumber = '^Element \d+ of page \d of the task listing is not a task object: skipped\.$'
        $skippedNameless = '^Element \d+ of page \d of the task listing has no usable id \(name ''Task without an id''\): skipped\.$'
    }
    AfterAll { if ($sim) { Stop-VcfSimulator $sim } }

    It 'Get-VcfTask lists every task of the reference and warns once for each of the two elements it skips' {
        $before = Get-SimMarker
        $got = @(Get-VcfTask -Server $c -WarningVariable warnings -WarningAction SilentlyContinue -ErrorVariable errs)
        ($got | Format-Task) | Should -Be ($Expected | Format-Task)
        $errs | Should -BeNullOrEmpty
        $warnings.Count | Should -Be 2
        @($warnings.Message) -match $skippedNumber | Should -HaveCount 1
        @($warnings.Message) -match $skippedNameless | Should -HaveCount 1
        # 202 records: the broken two count in the paging as they do on the server. Pages 1 and 2 go side by side,
        # so they may reach the server (and the log, which keeps arrival order) either way round: each once is the
        # rule. Every request of the listing, once each is logged (the last one may be logged after the listing ends).
        @((Get-SimLogSince $before).query | Sort-Object) | Should -Be @('?pageNumber=0&pageSize=100', '?pageNumber=1&pageSize=100', '?pageNumber=2&pageSize=100')
    }

    It 'the headline pipeline warns once for the FAILED element without an id and retries every failed, retryable task' {
        $retryable = @($Expected | Where-Object { $_.Status -eq 'Failed' -and $_.IsRetryable -and -not $_.IsCredentialsTask })
        Clear-SimLog
        $out = @(Get-VcfTask -Server $c -Status Failed -WarningVariable listWarnings -WarningAction SilentlyContinue |
            Where-Object { $_.IsRetryable -and -not $_.IsCredentialsTask } | Invoke-VcfTaskRetry -Wait -ErrorVariable errs -WarningVariable warnings)
        ($out.Id | Sort-Object) | Should -Be ($retryable.Id | Sort-Object)
        @($out | Where-Object { -not ($_.Status -eq 'Successful' -and $_.IsComplete) }) | Should -BeNullOrEmpty
        $errs | Should -BeNullOrEmpty
        $warnings | Should -BeNullOrEmpty
        $listWarnings.Count | Should -Be 1
        $listWarnings[0].Message | Should -Match $skippedNameless
        $patches = @(Get-SimLog | Where-Object method -eq PATCH)
        ($patches.path | Sort-Object) | Should -Be @($retryable.Id | ForEach-Object { "/v1/tasks/$_" } | Sort-Object)
    }
}
