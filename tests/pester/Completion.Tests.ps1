# Tab completion, through TabExpansion2 as the console uses it, against the simulator (whose request log shows what a
# completion cost) and a replayed connection.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $env:VCFTASKS_REPO 'tools/VcfSimulator.psm1') -Force
    $sim = Start-VcfSimulator -Tasks 80 -Seed 11
    $fixture = Connect-Fixture seed.fixture.json -Server 'sfo-vcf01.rainpole.io'
    $c = Connect-Sim
    $script:SimServer = $c.Server

    function script:Complete([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches)
    }
    # The listings in the request log; with -Expect, once one is there (the log is written when the server is done).
    function script:Get-ListRequest([switch] $Expect) {
        $isList = { $_.method -eq 'GET' -and $_.path -eq '/v1/tasks' }
        $log = if ($Expect) { Wait-SimLog -Until $isList } else { Get-SimLog }
        @($log | Where-Object $isList)
    }
}
AfterAll {
    Get-Variable c, fixture, d -ValueOnly -ErrorAction SilentlyContinue | Where-Object { $_ } | Disconnect-VcfSddcManager -WarningAction SilentlyContinue
    if ($sim) { Stop-VcfSimulator $sim }
}

Describe 'Completion of -Server' {
    It 'offers the servers of the open connections, on every cmdlet that has -Server' {
        foreach ($line in 'Get-VcfTask -Server ', 'Wait-VcfTask -Server ', 'Stop-VcfTask -Id x -Server ', 'Invoke-VcfTaskRetry -Server ', 'Disconnect-VcfSddcManager -Server ') {
            $texts = @((Complete $line).CompletionText)
            $texts | Should -Contain 'sfo-vcf01.rainpole.io' -Because $line
            $texts | Should -Contain $SimServer -Because $line
        }
    }

    It 'filters by what is typed and says which connection is the default' {
        $m = Complete 'Get-VcfTask -Server sfo'
        $m.CompletionText | Should -Be @('sfo-vcf01.rainpole.io')
        $m[0].ToolTip | Should -BeLike '*the default connection*'
        (Complete "Get-VcfTask -Server $SimServer")[0].ToolTip | Should -BeLike '*not the default*'
    }
}

Describe 'Completion of -Id' {
    It 'offers the recent ids of the connection -Server names, with name and status, in one request' {
        Clear-SimLog
        $before = Get-SimMarker
        $m = Complete "Get-VcfTask -Server $SimServer -Id "
        (Get-SimMarker) - $before | Should -Be 2 -Because 'one request, and only one, reaches the server between the two markers'
        $requests = Get-ListRequest -Expect
        $requests.Count | Should -Be 1
        $m.Count | Should -BeGreaterThan 0
        $m.Count | Should -BeLessOrEqual 50
        $task = Get-VcfTask -Server $c -Id $m[0].CompletionText
        $m[0].ToolTip | Should -Be "$($task.Name) ($($task.Status))"
    }

    It 'reads the list once for a while: further completions, by any cmdlet, send no request' {
        $null = Complete "Get-VcfTask -Server $SimServer -Id "
        $before = Get-SimMarker
        $all = Complete "Stop-VcfTask -Server $SimServer -Id "
        $first = $all[0].CompletionText
        $some = Complete "Wait-VcfTask -Server $SimServer -Id $($first.Substring(0, 4))"
        $some.CompletionText | Should -Contain $first
        @($some | Where-Object { -not $_.CompletionText.StartsWith($first.Substring(0, 4)) }) | Should -BeNullOrEmpty
        Get-SimMarker | Should -Be ($before + 1) -Because 'no request reaches the server between the two markers'
    }

    It 'uses the default connection when no -Server is given' {
        $script:d = Connect-Sim -AsDefault
        try {
            Clear-SimLog
            $before = Get-SimMarker
            $m = Complete 'Invoke-VcfTaskRetry -Id '
            (Get-SimMarker) - $before | Should -Be 2 -Because 'one request, and only one, reaches the server between the two markers'
            (Get-ListRequest -Expect).Count | Should -Be 1
            $m.Count | Should -BeGreaterThan 0
        } finally {
            Disconnect-VcfSddcManager -Server $d -WarningAction SilentlyContinue
        }
    }

    It 'offers nothing, and sends nothing, for a -Server that is not connected' {
        $before = Get-SimMarker
        Complete 'Get-VcfTask -Server nowhere.example -Id ' | Should -BeNullOrEmpty
        Get-SimMarker | Should -Be ($before + 1) -Because 'no request reaches the server between the two markers'
    }
}

Describe 'Completion of -Type and -ResourceType' {
    It 'offers the types seen in this session''s tasks, without a request' {
        $tasks = @(Get-VcfTask -Server $c -First 40)
        $types = @($tasks.Type | Where-Object { $_ } | Sort-Object -Unique)
        $resourceTypes = @($tasks.Resources.Type | Where-Object { $_ } | Sort-Object -Unique)
        $types.Count | Should -BeGreaterThan 0
        $resourceTypes.Count | Should -BeGreaterThan 0
        $before = Get-SimMarker
        $offeredTypes = @((Complete "Get-VcfTask -Server $SimServer -Type ").CompletionText)
        foreach ($t in $types) { $offeredTypes | Should -Contain $t }
        $offeredResources = @((Complete 'Get-VcfTask -ResourceType ').CompletionText)
        foreach ($t in $resourceTypes) { $offeredResources | Should -Contain $t }
        $prefix = $types[0].Substring(0, 3)
        @((Complete "Get-VcfTask -Type $prefix").CompletionText | Where-Object { -not $_.StartsWith($prefix, 'OrdinalIgnoreCase') }) | Should -BeNullOrEmpty
        Get-SimMarker | Should -Be ($before + 1) -Because 'no request reaches the server between the two markers'
    }
}

Describe 'Completion of -Status' {
    It 'offers every state in one spelling, the one tasks show, with the API spelling as tooltip' {
        $m = Complete 'Get-VcfTask -Status '
        $m.CompletionText | Should -Be @([enum]::GetNames([VcfTasks.VcfTaskState]) | Where-Object { $_ -ne 'Unknown' })
        ($m | Where-Object CompletionText -eq 'InProgress').ToolTip | Should -Be 'IN_PROGRESS'
        $m.CompletionText | Should -Not -Match "[ _']"
    }

    It 'completes from any spelling typed so far' {
        (Complete 'Get-VcfTask -Status in_p').CompletionText | Should -Be @('InProgress')
        (Complete "Get-VcfTask -Status 'completed w").CompletionText | Should -Be @('CompletedWithWarning')
    }
}

# Last in the file: the -Id completion here fills the connection's recent-task list, which the tests above count requests of.
Describe 'Completion follows the -Server rules of every cmdlet (ServerResolver)' {
    It 'offers the server of a connection whose id, or URL, is typed in part' {
        (Complete "Get-VcfTask -Server $($c.Id.Substring(0, 6))").CompletionText | Should -Be @($SimServer)
        (Complete "Get-VcfTask -Server https://$SimServer").CompletionText | Should -Be @($SimServer)
    }

    It 'completes -Id from the connection a -Server wildcard names' {
        $m = Complete "Get-VcfTask -Server '*:$($SimServer.Split(':')[1])' -Id "
        $m.Count | Should -BeGreaterThan 0
        (Get-VcfTask -Server $c -Id $m[0].CompletionText).Id | Should -Be $m[0].CompletionText
    }
}
