BeforeAll { . (Join-Path $PSScriptRoot 'Common.ps1') }

Describe 'Disconnect-VcfSddcManager' {
    It 'disconnects the default connection; later commands say not connected' {
        $conn = Connect-Fixture seed.fixture.json -Server only.rainpole.io
        Disconnect-VcfSddcManager -Server $conn
        $conn.IsConnected | Should -BeFalse
        { Get-VcfTask -Server $conn -ErrorAction Stop } | Should -Throw -ErrorId 'VcfNotConnected,VcfTasks.Commands.GetVcfTaskCommand'
    }

    It 'makes the previous connection the default again' {
        $a = Connect-Fixture seed.fixture.json -Server a.rainpole.io
        $b = Connect-Fixture seed.fixture.json -Server b.rainpole.io
        Disconnect-VcfSddcManager
        $b.IsConnected | Should -BeFalse
        $null = Get-VcfTask
        $a.ReplayedRequests.Count | Should -Be 1
    }

    It 'takes connections from the pipeline and by server name' {
        $a = Connect-Fixture seed.fixture.json -Server a.rainpole.io
        $b = Connect-Fixture seed.fixture.json -Server b.rainpole.io
        $a | Disconnect-VcfSddcManager
        Disconnect-VcfSddcManager -Server b.rainpole.io
        $a.IsConnected | Should -BeFalse
        $b.IsConnected | Should -BeFalse
    }

    It 'an unknown name among several gets its own VcfNotConnected and the others are still disconnected' {
        $a = Connect-Fixture seed.fixture.json -Server a.rainpole.io
        $b = Connect-Fixture seed.fixture.json -Server b.rainpole.io
        # A value that is neither a connection nor a known name (here a number) is an unknown name too.
        Disconnect-VcfSddcManager -Server 'a.rainpole.io', 'nowhere.rainpole.io', 42, $b -ErrorVariable errs -ErrorAction SilentlyContinue
        Get-ErrorId $errs | Should -Be @('VcfNotConnected', 'VcfNotConnected')
        $a.IsConnected | Should -BeFalse
        $b.IsConnected | Should -BeFalse
    }

    It '-WhatIf leaves the connection open' {
        $conn = Connect-Fixture seed.fixture.json
        Disconnect-VcfSddcManager -Server $conn -WhatIf
        $conn.IsConnected | Should -BeTrue
    }
}
