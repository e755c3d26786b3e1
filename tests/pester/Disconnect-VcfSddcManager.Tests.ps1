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

Describe 'Disconnect-VcfSddcManager against the simulator' {
    BeforeAll {
        Import-Module (Join-Path $env:VCFTASKS_REPO 'tools/VcfSimulator.psm1') -Force
        $sim = Start-VcfSimulator -Tasks 5 -Seed 31
        $other = Start-VcfSimulator -Tasks 5 -Seed 32
    }
    AfterAll { $sim, $other | Where-Object { $_ } | Stop-VcfSimulator }

    It 'piped connections are ended side by side: the second revocation is sent while the first is still in flight' {
        # The first server never answers the revocation; one after another, the second would wait for it.
        Add-SimFault @{ method = 'DELETE'; path = '/v1/tokens/refresh-token'; count = 1; kind = 'hang' }
        Clear-SimLog -S $other
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$env:VCFTASKS_MODULE'; `$a = Connect-VcfSddcManager -Server '$($sim.Url)' -Credential `$args[0] -SkipCertificateCheck; `$b = Connect-VcfSddcManager -Server '$($other.Url)' -Credential `$args[1] -SkipCertificateCheck; `$a, `$b | Disconnect-VcfSddcManager").AddArgument((Get-VcfSimulatorCredential $sim)).AddArgument((Get-VcfSimulatorCredential $other))
            $running = $ps.BeginInvoke()
            $log = Wait-SimLog -S $other -Until { $_.method -eq 'DELETE' }
            $running.IsCompleted | Should -BeFalse -Because 'the first revocation is still held by the server'
            $ps.Stop()
        } finally { $ps.Dispose(); Clear-SimFault }
        Format-SimLog $log | Should -Contain 'DELETE /v1/tokens/refresh-token 204'
    }

    It '-Server with a wildcard ends every connection it matches, and one that matches nothing is no error' {
        $a = Connect-Fixture seed.fixture.json -Server wild1.rainpole.io
        $b = Connect-Fixture seed.fixture.json -Server wild2.rainpole.io
        $keep = Connect-Fixture seed.fixture.json -Server tame.rainpole.io
        Disconnect-VcfSddcManager -Server 'wild*', 'nothing-*' -ErrorVariable errs
        $errs | Should -BeNullOrEmpty
        $a.IsConnected | Should -BeFalse
        $b.IsConnected | Should -BeFalse
        $keep.IsConnected | Should -BeTrue
    }

    It 'a revocation that the server refuses is a warning; the connections after it are still ended, and each is said in order' {
        $a = Connect-VcfSddcManager -Server $sim.Url -Credential (Get-VcfSimulatorCredential $sim) -SkipCertificateCheck -Force
        $b = Connect-VcfSddcManager -Server $other.Url -Credential (Get-VcfSimulatorCredential $other) -SkipCertificateCheck -Force
        Add-SimFault @{ method = 'DELETE'; path = '/v1/tokens/refresh-token'; count = 10; kind = 'status'; status = 400 }
        try {
            $verbose = @($a, $b | Disconnect-VcfSddcManager -WarningVariable warnings -WarningAction SilentlyContinue -Verbose 4>&1 |
                Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'Disconnected from*' })
        } finally { Clear-SimFault }
        @($warnings).Count | Should -Be 1
        $warnings[0].Message | Should -BeLike '*did not revoke the refresh token (HTTP 400)*'
        $verbose.Message | Should -Be @("Disconnected from $($a.Server).", "Disconnected from $($b.Server).")
        $a.IsConnected | Should -BeFalse
        $b.IsConnected | Should -BeFalse
    }
}
