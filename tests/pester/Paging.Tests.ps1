# Issue 13: never lose a task. Get-VcfTask and the headline pipeline against servers that page otherwise than SDDC
# Manager, as the simulator plays them: pages counted from 1, a page size of the server's own (fixed above the 100
# asked, or capped below it), page metadata that is partial, missing or contradicts itself, and live servers whose
# list grows while the module pages (newest first or at the end), with answers to side-by-side pages out of order.
# Each listing is compared with the simulator's own list (/_sim/tasks, with the same filters) taken just before it:
# every task the server had throughout is listed exactly once, none twice; on a list that does not change, the list
# whole and in its order, with no warning; and a listing the module cannot complete says so in exactly one warning
# that names the server's count and the number listed.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $env:VCFTASKS_REPO 'tools/VcfSimulator.psm1') -Force

    $script:SimArgs = @{ Seed = 13; Anchor = [DateTimeOffset]'2026-11-20T00:00:00Z'; StepMs = 10; RetryFailurePercent = 0 }
    # The tasks each server starts with, as a plain SDDC Manager of the same seed and anchor lists them (that listing
    # is complete: the plain profile's own tests say so), with the flags the headline pipeline goes by.
    $script:Reference = @{}
    foreach ($count in 1055, 2005) {
        $plain = Start-VcfSimulator @SimArgs -Tasks $count
        try { $Reference[$count] = @(Get-VcfTask -Server (Connect-Sim -S $plain)) }
        finally { Stop-VcfSimulator $plain }
    }

    # The simulator's own list of ids in the listing's order, with the listing's filters (e.g. '?taskStatus=FAILED').
    function script:Get-SimTaskId { param([string] $Query = '') @(Invoke-VcfSimulatorControl $sim GET "/_sim/tasks$Query") }

    # A number as a message may write it: 1055 or 1,055.
    function script:Get-CountPattern { param([int] $Count) '(?<![\d,.])' + ($Count.ToString('N0', [cultureinfo]::InvariantCulture) -replace ',', ',?') + '(?![\d])' }

    # The rule of the file (see the top). $Throughout: the ids the server had before the listing (it deletes none, so
    # it had them throughout). -Live: the list grew during the listing, so more may be listed, in another order.
    # -Contradict: the server's counts contradict each other, which the module follows and reports in one warning.
    function script:Assert-Listing {
        param([object[]] $Listed, [string[]] $Throughout, [object[]] $Warnings, [switch] $Live, [switch] $Contradict)
        $ids = @($Listed | ForEach-Object Id)
        $seen = [Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
        $twice = @($ids | Where-Object { -not $seen.Add($_) })
        $missing = @($Throughout | Where-Object { -not $seen.Contains($_) })
        $messages = @($Warnings | ForEach-Object Message)
        if ($missing.Count -gt 0) {
            $messages.Count | Should -Be 1 -Because "a short listing is never silent: $($missing.Count) of the $($Throughout.Count) tasks the server had were not listed"
            if (-not $Live) { $messages[0] | Should -Match (Get-CountPattern $Throughout.Count) -Because "the warning names the server's count ($($Throughout.Count))" }
            $messages[0] | Should -Match (Get-CountPattern $ids.Count) -Because "the warning names the number listed ($($ids.Count))"
        }
        $twice | Should -BeNullOrEmpty -Because 'no task is listed twice'
        $missing.Count | Should -Be 0 -Because "every task the server had throughout is listed ($($ids.Count) listed; not listed, e.g.: $(@($missing | Select-Object -First 3) -join ', '))"
        if (-not $Live) { $ids | Should -Be $Throughout -Because 'a list that does not change is listed whole, in the server''s order' }
        if ($Contradict) {
            $messages.Count | Should -Be 1 -Because 'counts that contradict each other are reported, once'
            $messages[0] | Should -Match (Get-CountPattern $Throughout.Count) -Because "the warning names the server's count ($($Throughout.Count))"
        }
        elseif ($Live) { $messages.Count | Should -BeLessOrEqual 1 -Because 'at most one warning for a listing' }
        else { $messages | Should -BeNullOrEmpty -Because 'a complete listing of a list that does not change has nothing to warn of' }
    }
}

Describe 'Against a server whose <Name>' -ForEach @(
    # SDDC Manager itself: its list changes too, when the headline pipeline retries a failed task during the listing
    # of failed tasks (the retried task leaves taskStatus=FAILED, and the pages after it move up).
    @{ Name = 'pages are SDDC Manager''s own (the plain 9.0 profile)'; Tasks = 1055; Options = @{} }
    @{ Name = 'pages count from 1 (pageNumber 0 and 1 both answer the first page)'; Tasks = 1055; Options = @{ PageBase = 1 } }
    @{ Name = 'pages hold 250 tasks whatever pageSize asks'; Tasks = 1055; Options = @{ PageSizeServed = 250 } }
    @{ Name = 'pages hold at most 40 tasks'; Tasks = 1055; Options = @{ PageSizeCap = 40 } }
    @{ Name = 'pages hold 250 tasks and carry no totalPages'; Tasks = 1055; Options = @{ PageSizeServed = 250; PageMetadata = 'no-total-pages' } }
    @{ Name = 'pages hold at most 40 tasks and carry no totalElements'; Tasks = 1055; Options = @{ PageSizeCap = 40; PageMetadata = 'no-total-elements' }; NoCount = $true }
    @{ Name = 'pages carry no pageMetadata at all'; Tasks = 1055; Options = @{ PageMetadata = 'none' }; NoCount = $true }
    @{ Name = 'pages say totalPages 1 beside 1,055 totalElements'; Tasks = 1055; Options = @{ PageMetadata = 'contradict' }; Contradict = $true }
    @{ Name = 'pages count from 1, hold 250 tasks and come back out of order'; Tasks = 1055; Options = @{ PageBase = 1; PageSizeServed = 250; OutOfOrderMs = 30 } }
    @{ Name = 'list grows by 3 newest tasks after each page (20 ms a request)'; Tasks = 2005; Options = @{ GrowPerPage = 3; GrowAt = 'front'; LatencyMs = 20 }; Live = $true }
    @{ Name = 'list grows by 3 newest tasks after each page and pages come back out of order'; Tasks = 2005; Options = @{ GrowPerPage = 3; GrowAt = 'front'; OutOfOrderMs = 30 }; Live = $true }
    @{ Name = 'list grows by 3 tasks at its end after each page'; Tasks = 1055; Options = @{ GrowPerPage = 3; GrowAt = 'end' }; Live = $true }
) {
    BeforeAll {
        $sim = Start-VcfSimulator @SimArgs -Tasks $Tasks @Options
        $c = Connect-Sim
        $live = [bool]$Live
        $contradict = [bool]$Contradict
    }
    AfterAll { if ($sim) { Stop-VcfSimulator $sim } }

    It 'Get-VcfTask -ThrottleLimit 8 lists every task once' {
        $before = Get-SimTaskId
        $got = @(Get-VcfTask -Server $c -ThrottleLimit 8 -WarningVariable warnings -WarningAction SilentlyContinue -ErrorVariable errs)
        $errs | Should -BeNullOrEmpty
        Assert-Listing $got $before $warnings -Live:$live -Contradict:$contradict
    }

    It 'Get-VcfTask -ThrottleLimit 1 lists every task once' {
        $before = Get-SimTaskId
        $got = @(Get-VcfTask -Server $c -ThrottleLimit 1 -WarningVariable warnings -WarningAction SilentlyContinue -ErrorVariable errs)
        $errs | Should -BeNullOrEmpty
        Assert-Listing $got $before $warnings -Live:$live -Contradict:$contradict
    }

    It 'Get-VcfTask -Status Failed lists every failed task once' {
        $before = Get-SimTaskId '?taskStatus=FAILED'
        $before.Count | Should -BeGreaterThan 100 -Because 'the failed tasks fill more than one page of 100'
        $got = @(Get-VcfTask -Server $c -Status Failed -WarningVariable warnings -WarningAction SilentlyContinue -ErrorVariable errs)
        $errs | Should -BeNullOrEmpty
        @($got | Where-Object { -not ($_.Status -eq 'Failed') }) | Should -BeNullOrEmpty
        Assert-Listing $got $before $warnings -Live:$live -Contradict:$contradict
    }

    It 'Get-VcfTask -Skip 260 -First 30 gives the 30 tasks after the first 260, and a listing cut short on purpose warns of nothing' {
        $before = Get-SimTaskId
        $got = @(Get-VcfTask -Server $c -Skip 260 -First 30 -WarningVariable warnings -WarningAction SilentlyContinue -ErrorVariable errs)
        $errs | Should -BeNullOrEmpty
        # Counts that contradict each other may be reported even so; a shortfall of -First's making never is.
        if ($contradict) { @($warnings).Count | Should -BeLessOrEqual 1 } else { $warnings | Should -BeNullOrEmpty }
        $got.Count | Should -Be 30
        @($got.Id | Sort-Object -Unique).Count | Should -Be 30 -Because 'no task is listed twice'
        if ($live) {
            $after = [Collections.Generic.HashSet[string]]::new([string[]](Get-SimTaskId))
            @($got.Id | Where-Object { -not $after.Contains($_) }) | Should -BeNullOrEmpty -Because 'every task listed is one the server has'
        }
        else { $got.Id | Should -Be $before[260..289] }
    }

    It 'Get-VcfTask -IncludeTotalCount reports the server''s count first, then lists every task once' {
        $before = Get-SimTaskId
        $out = @(Get-VcfTask -Server $c -IncludeTotalCount -WarningVariable warnings -WarningAction SilentlyContinue -ErrorVariable errs)
        $errs | Should -BeNullOrEmpty
        $tasks = @($out | Where-Object { $_ -is [VcfTasks.VcfTask] })
        $counts = @($out | Where-Object { $_ -isnot [VcfTasks.VcfTask] })
        if ($NoCount) {
            # No totalElements: the server says no count. Whether the module then reports one of its own (an
            # estimate) is its choice; if it does, once and first.
            $counts.Count | Should -BeLessOrEqual 1
            if ($counts.Count -eq 1) { $out[0] | Should -Not -BeOfType [VcfTasks.VcfTask] -Because 'the count comes first' }
        }
        else {
            $counts.Count | Should -Be 1
            $out[0] | Should -Not -BeOfType [VcfTasks.VcfTask] -Because 'the count comes first'
            if ($live) { [ulong]$counts[0] | Should -BeGreaterOrEqual $before.Count }
            else { $counts[0].ToString() | Should -Match ('^Total count: ' + (Get-CountPattern $before.Count) + '$') }
        }
        Assert-Listing $tasks $before $warnings -Live:$live -Contradict:$contradict
    }

    # Last: it retries the failed tasks, so the server has none after it.
    It 'Get-VcfTask -Status Failed | Where-Object IsRetryable | Invoke-VcfTaskRetry -Wait retries every failed, retryable task once' {
        $retryable = @($Reference[$Tasks] | Where-Object { $_.Status -eq 'Failed' -and $_.IsRetryable } | ForEach-Object Id)
        $retryable.Count | Should -BeGreaterThan 50
        $stillFailed = [Collections.Generic.HashSet[string]]::new([string[]](Get-SimTaskId '?taskStatus=FAILED'))
        $retryable = @($retryable | Where-Object { $stillFailed.Contains($_) })   # all of them: nothing retried them before
        $retryable.Count | Should -BeGreaterThan 50
        Clear-SimLog
        $out = @(Get-VcfTask -Server $c -Status Failed -WarningVariable listWarnings -WarningAction SilentlyContinue |
            Where-Object IsRetryable | Invoke-VcfTaskRetry -Wait -ErrorVariable errs -ErrorAction SilentlyContinue -WarningVariable warnings)
        # A failed password UPDATE is retried only with the passwords it needs, which the server does not give back:
        # its own VcfCredentialsSpecRequired, nothing sent (issue 15). Every other error would be a fault.
        @($errs | Where-Object { $_.FullyQualifiedErrorId -notlike 'VcfCredentialsSpecRequired*' }) | Should -BeNullOrEmpty
        $needSpec = @($errs | ForEach-Object TargetObject)
        @($errs | Where-Object { "$_" -notlike '*UPDATE needs a password*' }) | Should -BeNullOrEmpty -Because 'only a password UPDATE needs a spec'
        $retryable = @($retryable | Where-Object { $_ -notin $needSpec })
        $warnings | Should -BeNullOrEmpty
        @($out | Where-Object { -not ($_.Status -eq 'Successful' -and $_.IsComplete) }) | Should -BeNullOrEmpty
        # A credentials task goes through the credentials API, any other through /v1/tasks: one PATCH each.
        $patched = @(Get-SimLog | Where-Object method -eq PATCH | ForEach-Object { $_.path -replace '^/v1/(credentials/)?tasks/', '' })
        @($patched | Group-Object | Where-Object Count -gt 1 | ForEach-Object Name) | Should -BeNullOrEmpty -Because 'no task is retried twice'
        $done = [Collections.Generic.HashSet[string]]::new([string[]]$patched)
        $notRetried = @($retryable | Where-Object { -not $done.Contains($_) })
        if ($notRetried.Count -gt 0) { @($listWarnings).Count | Should -Be 1 -Because "a short listing is never silent: $($notRetried.Count) failed tasks were not listed" }
        $notRetried.Count | Should -Be 0 -Because "every failed, retryable task is retried ($($patched.Count) were; not, e.g.: $(@($notRetried | Select-Object -First 3) -join ', '))"
        if (-not $live) {
            ($patched | Sort-Object) | Should -Be ($retryable | Sort-Object)
            if ($contradict) { @($listWarnings).Count | Should -Be 1 } else { $listWarnings | Should -BeNullOrEmpty }
        }
        ($out.Id | Sort-Object) | Should -Be ($patched | Sort-Object)
    }
}
