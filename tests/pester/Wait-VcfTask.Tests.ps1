# Waiting for tasks against the simulator: Wait-VcfTask, and -Wait of Invoke-VcfTaskRetry and Stop-VcfTask.
# Polls learn many tasks' states from the listing, deadlines give VcfWaitTimeout with the last
# state, tasks from several servers are each read from their own, and PowerShell.Stop() ends a wait at once.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $env:VCFTASKS_REPO 'tools/VcfSimulator.psm1') -Force

    # 500 tasks: about 75 FAILED, enough for 50 retried together; subtasks of 100 ms; a fifth of retries fail again.
    $sim = Start-VcfSimulator -Tasks 500 -Seed 7 -StepMs 100 -RetryFailurePercent 20
    # A second server, whose retries always succeed.
    $other = Start-VcfSimulator -Tasks 60 -Seed 3 -StepMs 100 -RetryFailurePercent 0

    $c = Connect-Sim
    $c2 = Connect-Sim -S $other
    $tasks = @(Get-VcfTask -Server $c)
    $otherTasks = @(Get-VcfTask -Server $c2)
    $retryable = @($tasks | Where-Object { $_.Status -eq 'Failed' -and $_.IsRetryable -and -not $_.IsCredentialsTask })
    # Generated IN_PROGRESS tasks never advance by themselves: they only end when cancelled.
    $runningPool = [System.Collections.Generic.Queue[string]]::new([string[]]@(
        $tasks | Where-Object { $_.Status -eq 'In Progress' -and $_.IsCancellable }).Id)
}
AfterAll {
    if ($sim) { Stop-VcfSimulator $sim }
    if ($other) { Stop-VcfSimulator $other }
}

Describe 'Waiting for many tasks' {
    It 'retrying 50 failed tasks together with -Wait emits all 50 final states, failures as VcfTaskFailed with code and reference token, from listings, at most half a request per task' {
        $retryable.Count | Should -BeGreaterOrEqual 55
        $batch = @($retryable | Select-Object -First 50)
        Clear-SimLog
        $out = @($batch | Invoke-VcfTaskRetry -Wait -ErrorVariable errs -ErrorAction SilentlyContinue)

        $out.Count | Should -Be 50
        ($out.Id | Sort-Object) | Should -Be ($batch.Id | Sort-Object)
        foreach ($t in $out) { ($t.Status -eq 'Successful' -or $t.Status -eq 'Failed') | Should -BeTrue -Because "$($t.Id) is $($t.Status.Raw)" }
        $failedAgain = @($out | Where-Object { $_.Status -eq 'Failed' })
        $failedAgain.Count | Should -BeGreaterThan 0
        $failedAgain.Count | Should -BeLessThan 50

        Get-ErrorId $errs | Sort-Object -Unique | Should -Be 'VcfTaskFailed'
        $errs.Count | Should -Be $failedAgain.Count
        (@($errs.TargetObject) | Sort-Object) | Should -Be ($failedAgain.Id | Sort-Object)
        foreach ($e in $errs) {
            $e.CategoryInfo.Category | Should -Be 'InvalidResult'
            $e.Exception.ServerErrorCode | Should -Not -BeNullOrEmpty
            $e.Exception.ReferenceToken | Should -Not -BeNullOrEmpty
            $e.Exception.Message | Should -Match ([regex]::Escape($e.Exception.ServerErrorCode))
        }

        $log = Get-SimLog
        $patches = @($log | Where-Object method -eq PATCH)
        ($patches.path | Sort-Object) | Should -Be @($batch.Id | ForEach-Object { "/v1/tasks/$_" } | Sort-Object)
        @($log | Where-Object { $_.status -ne 200 }) | Should -BeNullOrEmpty
        # The wait learns the 50 states from the server's listing (the running tasks, then the ones completed since
        # the oldest moment that matters), not from one GET per task a poll: at most half a request per task in all.
        $listings = @($log | Where-Object { $_.method -eq 'GET' -and $_.path -eq '/v1/tasks' })
        $reads = @($log | Where-Object { $_.method -eq 'GET' -and $_.path -like '/v1/tasks/*' })
        $listings.Count | Should -BeGreaterOrEqual 2
        foreach ($l in $listings) { $l.query | Should -Match 'taskStatus=IN_PROGRESS|completedAfter=' }
        ($listings.Count + $reads.Count) | Should -BeLessOrEqual 25
    }

    It 'Wait-VcfTask -TimeoutSec 2 on a task that never ends gives VcfWaitTimeout and emits its last state' {
        $id = $runningPool.Dequeue()
        Clear-SimLog
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $out = @(Wait-VcfTask -Server $c -Id $id -TimeoutSec 2 -ErrorVariable errs -ErrorAction SilentlyContinue)
        $elapsed = $watch.Elapsed.TotalSeconds
        $elapsed | Should -BeGreaterOrEqual 1.9
        $elapsed | Should -BeLessThan 4.5
        Get-ErrorId $errs | Should -Be @('VcfWaitTimeout')
        $errs[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $errs[0].TargetObject | Should -Be $id
        $errs[0].Exception.Message | Should -Match 'IN_PROGRESS|In Progress'
        $out.Count | Should -Be 1
        $out[0].Id | Should -Be $id
        $out[0].Status -eq 'In Progress' | Should -BeTrue
        $gets = @(Get-SimLog | Where-Object path -eq "/v1/tasks/$id")
        $gets.Count | Should -BeGreaterOrEqual 2
        $gets.Count | Should -BeLessOrEqual 4
    }

    It 'a missing id gets VcfTaskNotFound while the other tasks are still waited for' {
        $done = ($tasks | Where-Object Status -eq 'Successful' | Select-Object -First 1).Id
        $missing = [guid]::NewGuid().ToString()
        $out = @(Wait-VcfTask -Server $c -Id $missing, $done -TimeoutSec 10 -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Id | Should -Be @($done)
        Get-ErrorId $errs | Should -Be @('VcfTaskNotFound')
        $errs[0].TargetObject | Should -Be $missing
    }

    It 'a poll that fails for a moment is a warning, and the wait goes on to the final state' {
        $conn = Connect-Sim -TimeoutSec 1
        $task = $retryable[-1]
        $task | Invoke-VcfTaskRetry
        # Both attempts of the first poll's GET (the one retry that fits in 1 s) get 503.
        Add-SimFault @{ method = 'GET'; path = "/v1/tasks/$($task.Id)"; count = 2; kind = 'status'; status = 503 }
        $out = @(Wait-VcfTask -Server $conn -Id $task.Id -TimeoutSec 20 -ErrorVariable errs -ErrorAction SilentlyContinue -WarningVariable warns -WarningAction SilentlyContinue)
        $out.Count | Should -Be 1
        $out[0].IsComplete | Should -BeTrue
        @($errs | Where-Object { $_.FullyQualifiedErrorId -notlike 'VcfTaskFailed,*' }) | Should -BeNullOrEmpty
        "$warns" | Should -Match 'still waiting'
    }
}

Describe 'Waiting across servers' {
    It 'task objects from two simulators, retried with -Wait in one pipeline, are each read from their own server' {
        $a = $retryable[-2]
        $b = $otherTasks | Where-Object { $_.Status -eq 'Failed' -and $_.IsRetryable -and -not $_.IsCredentialsTask } | Select-Object -First 1
        Clear-SimLog
        Clear-SimLog -S $other
        $out = @(@($a, $b) | Invoke-VcfTaskRetry -Wait -ErrorAction SilentlyContinue)
        ($out.Id | Sort-Object) | Should -Be (@($a.Id, $b.Id) | Sort-Object)
        ($out | Where-Object Id -eq $b.Id).Status -eq 'Successful' | Should -BeTrue
        ($out | Where-Object Id -eq $a.Id).GetConnection() | Should -Be $c
        ($out | Where-Object Id -eq $b.Id).GetConnection() | Should -Be $c2
        @(Get-SimLog | Select-Object -ExpandProperty path -Unique) | Should -Be @("/v1/tasks/$($a.Id)")
        @(Get-SimLog -S $other | Select-Object -ExpandProperty path -Unique) | Should -Be @("/v1/tasks/$($b.Id)")
    }

    It 'ids with their own -Server (by property name) from two simulators are each read from their own server' {
        $x = ($tasks | Where-Object Status -eq 'Successful' | Select-Object -First 1).Id
        $y = ($otherTasks | Where-Object Status -eq 'Successful' | Select-Object -First 1).Id
        Clear-SimLog
        Clear-SimLog -S $other
        $out = @(@([pscustomobject]@{ Id = $x; Server = $c }, [pscustomobject]@{ Id = $y; Server = $c2 }) | Wait-VcfTask -TimeoutSec 10)
        $out.Id | Should -Be @($x, $y)
        $out[0].GetConnection() | Should -Be $c
        $out[1].GetConnection() | Should -Be $c2
        @(Get-SimLog).path | Should -Be @("/v1/tasks/$x")
        @(Get-SimLog -S $other).path | Should -Be @("/v1/tasks/$y")
    }
}

Describe 'Stopping and cancelling' {
    It 'a Wait-VcfTask stopped with PowerShell.Stop() returns within a second and sends nothing more' {
        $id = $runningPool.Dequeue()
        Clear-SimLog
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript('param($Url, $Cred, $Thumb, $Id)
                Import-Module $env:VCFTASKS_MODULE
                $null = Connect-VcfSddcManager -Server $Url -Credential $Cred -CertificateThumbprint $Thumb
                Wait-VcfTask -Id $Id').AddArgument($sim.Url).AddArgument((Get-VcfSimulatorCredential $sim)).AddArgument($sim.Thumbprint).AddArgument($id)
            $handle = $ps.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(15)
            # Until it has polled twice (the second poll is a second or more after the first).
            while (@(Get-SimLog | Where-Object path -eq "/v1/tasks/$id").Count -lt 2 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
            $ps.InvocationStateInfo.State | Should -Be 'Running'
            @(Get-SimLog | Where-Object path -eq "/v1/tasks/$id").Count | Should -BeGreaterOrEqual 2   # it was polling
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 1
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            Clear-SimLog
            Start-Sleep -Seconds 2
            Get-SimLog | Should -BeNullOrEmpty
        }
        finally {
            $ps.Dispose()
        }
    }

    It 'Stop-VcfTask -Wait on an in-progress task emits it CANCELLED' {
        $id = $runningPool.Dequeue()
        Clear-SimLog
        $out = @(Stop-VcfTask -Server $c -Id $id -Force -Wait -TimeoutSec 10 -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 1
        $out[0].Id | Should -Be $id
        $out[0].Status -eq 'Cancelled' | Should -BeTrue
        $log = Format-SimLog (Get-SimLog)
        @($log | Where-Object { $_ -like 'DELETE *' }) | Should -Be @("DELETE /v1/tasks/$id 200")
    }

    It 'Stop-VcfTask -Wait reports no failure for the cancellation it was asked for' {
        # A runbook running Stop-VcfTask -Wait -ErrorAction Stop must not die when the cancel it asked for worked.
        $id = $runningPool.Dequeue()
        $out = @(Stop-VcfTask -Server $c -Id $id -Force -Wait -TimeoutSec 10 -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out[0].Status -eq 'Cancelled' | Should -BeTrue
        Get-ErrorId $errs | Should -BeNullOrEmpty
    }
}
