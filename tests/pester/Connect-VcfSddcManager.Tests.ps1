BeforeAll { . (Join-Path $PSScriptRoot 'Common.ps1') }

Describe 'Connect-VcfSddcManager' {
    It 'returns a VcfConnection that becomes the default' {
        $conn = Connect-Fixture seed.fixture.json
        $conn | Should -BeOfType VcfTasks.VcfConnection
        $conn.Server | Should -Be 'sfo-vcf01.rainpole.io'
        $conn.IsConnected | Should -BeTrue
        $null = Get-VcfTask
        $conn.ReplayedRequests | Should -Be @($ListQuery)
    }

    It 'accepts a URL with a port as -Server' {
        $conn = Connect-VcfSddcManager -Server 'https://sfo-vcf01.rainpole.io:8443/' -FixturePath (Join-Path $env:VCFTASKS_FIXTURES seed.fixture.json)
        $conn.Server | Should -Be 'sfo-vcf01.rainpole.io:8443'
        $conn.BaseUri.ToString() | Should -Be 'https://sfo-vcf01.rainpole.io:8443/'
    }

    It 'refuses plain http with VcfInvalidServer' {
        { Connect-VcfSddcManager -Server 'http://sfo-vcf01.rainpole.io' -FixturePath (Join-Path $env:VCFTASKS_FIXTURES seed.fixture.json) -ErrorAction Stop } |
            Should -Throw -ErrorId 'VcfInvalidServer,VcfTasks.Commands.ConnectVcfSddcManagerCommand'
    }

    It '-Server a,b connects to each, with the same options; the last one connected becomes the default' {
        $fixture = Join-Path $env:VCFTASKS_FIXTURES seed.fixture.json
        $out = @(Connect-VcfSddcManager -Server sa.rainpole.io, sb.rainpole.io -FixturePath $fixture)
        $out.Server | Should -Be @('sa.rainpole.io', 'sb.rainpole.io')
        $out[0].FixturePath | Should -Be $out[1].FixturePath
        (Get-VcfSddcManagerConnection -Default) | Should -Be $out[1]
        $null = Get-VcfTask
        $out[1].ReplayedRequests | Should -Be @($ListQuery)
        $out[0].ReplayedRequests | Should -BeNullOrEmpty
    }

    It 'a server among several that cannot be connected gets its own error, and the others are connected' {
        $fixture = Join-Path $env:VCFTASKS_FIXTURES seed.fixture.json
        $out = @(Connect-VcfSddcManager -Server 'http://plain.rainpole.io', sc.rainpole.io -FixturePath $fixture -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Server | Should -Be @('sc.rainpole.io')
        Get-ErrorId $errs | Should -Be @('VcfInvalidServer')
        $errs[0].TargetObject | Should -Be 'http://plain.rainpole.io'
    }

    It '-RecordPath with several servers is VcfConflictingRecordPath, before any connection' {
        $err = $null
        try { Connect-VcfSddcManager -Server sd.rainpole.io, se.rainpole.io -AccessToken (ConvertTo-SecureString 'x' -AsPlainText -Force) -RecordPath (Join-Path $TestDrive 'r.json') } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'VcfConflictingRecordPath,VcfTasks.Commands.ConnectVcfSddcManagerCommand'
        Join-Path $TestDrive 'r.json' | Should -Not -Exist
    }

    It '-NotDefault leaves the default connection as it was' {
        $a = Connect-Fixture seed.fixture.json -Server a.rainpole.io
        $b = Connect-Fixture seed.fixture.json -Server b.rainpole.io -NotDefault
        $null = Get-VcfTask
        $a.ReplayedRequests.Count | Should -Be 1
        $b.ReplayedRequests.Count | Should -Be 0
    }

    It 'stops with VcfAuthenticationFailed when the password is refused, naming the user and not the password' {
        $cred = [pscredential]::new('administrator@vsphere.local', (ConvertTo-SecureString 'Canary-P@ss-91734' -AsPlainText -Force))
        $err = $null
        try { Connect-VcfSddcManager -Server sfo-vcf01.rainpole.io -Credential $cred -FixturePath (Join-Path $env:VCFTASKS_FIXTURES unauthorized.fixture.json) -ErrorAction SilentlyContinue }
        catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'VcfAuthenticationFailed,VcfTasks.Commands.ConnectVcfSddcManagerCommand'
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err.Exception.Message | Should -Match 'administrator@vsphere.local'
        $err.Exception.ServerErrorCode | Should -Be 'IDENTITY_UNAUTHORIZED_ENTITY'
        ($err | Out-String) + $err.Exception.ToString() | Should -Not -Match 'Canary-P@ss-91734'
    }

    It 'gives VcfConnectionFailed, within its time limit, when nothing listens at the address' {
        # A free loopback port: bind one, note it, release it.
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $cred = [pscredential]::new('administrator@vsphere.local', (ConvertTo-SecureString 'x' -AsPlainText -Force))
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        { Connect-VcfSddcManager -Server "127.0.0.1:$port" -Credential $cred -SkipCertificateCheck -TimeoutSec 3 -ErrorAction Stop } |
            Should -Throw -ErrorId 'VcfConnectionFailed,VcfTasks.Commands.ConnectVcfSddcManagerCommand'
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 6
    }

    It 'gives VcfFixtureInvalid for a fixture file that is not JSON' {
        $bad = Join-Path $TestDrive 'bad.json'
        Set-Content $bad 'this is not json'
        { Connect-VcfSddcManager -Server x -FixturePath $bad -ErrorAction Stop } |
            Should -Throw -ErrorId 'VcfFixtureInvalid,VcfTasks.Commands.ConnectVcfSddcManagerCommand'
    }

    It 'refuses -SkipCertificateCheck together with -CertificateThumbprint' {
        { Connect-VcfSddcManager -Server x -FixturePath (Join-Path $env:VCFTASKS_FIXTURES seed.fixture.json) -SkipCertificateCheck -CertificateThumbprint ('AB' * 32) -ErrorAction Stop } |
            Should -Throw -ErrorId 'VcfConflictingCertificateOptions,VcfTasks.Commands.ConnectVcfSddcManagerCommand'
    }

    It 'rejects a thumbprint that is neither SHA-256 nor SHA-1' {
        { Connect-VcfSddcManager -Server x -FixturePath (Join-Path $env:VCFTASKS_FIXTURES seed.fixture.json) -CertificateThumbprint 'ABCD' } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,VcfTasks.Commands.ConnectVcfSddcManagerCommand'
    }

    It 'fails loudly, naming the request, when a fixture cannot answer' {
        $null = Connect-Fixture seed.fixture.json
        $err = $null
        try { Get-VcfTask -Id 'not-recorded' -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'VcfFixtureRequestUnmatched,*'
        $err.Exception.Message | Should -Match 'GET /v1/tasks/not-recorded'
    }

    It 'keeps connections per runspace: another runspace does not see this one' {
        $null = Connect-Fixture seed.fixture.json
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$env:VCFTASKS_MODULE'; try { Get-VcfTask -ErrorAction Stop; 'listed' } catch { `$_.FullyQualifiedErrorId }")
            $out = $ps.Invoke()
        } finally { $ps.Dispose() }
        $out | Should -BeLike 'VcfNotConnected,*'
        Get-Variable -Scope Global | Where-Object { $_.Value -is [VcfTasks.VcfConnection] } | Should -BeNullOrEmpty
    }
}

# PowerCLI's habits (one connection per server and user), credentials from the environment for unattended runs, and
# several servers connected side by side; against simulators.
Describe 'Connect-VcfSddcManager against the simulator' {
    BeforeAll {
        Import-Module (Join-Path $env:VCFTASKS_REPO 'tools/VcfSimulator.psm1') -Force
        $sim = Start-VcfSimulator -Tasks 5 -Seed 21
        $other = Start-VcfSimulator -Tasks 5 -Seed 22
        $script:SavedVcfEnvironment = @{}
        foreach ($name in 'VCF_USERNAME', 'VCF_PASSWORD', 'VCF_API_KEY') {
            $SavedVcfEnvironment[$name] = [Environment]::GetEnvironmentVariable($name)
            [Environment]::SetEnvironmentVariable($name, $null)
        }
        function script:Connect-Same { param($S = $sim, [switch] $NotDefault, [switch] $Force)
            Connect-VcfSddcManager -Server $S.Url -Credential (Get-VcfSimulatorCredential $S) -CertificateThumbprint $S.Thumbprint -NotDefault:$NotDefault -Force:$Force }
        function script:Get-Logins { param($S = $sim) @(Get-SimLog -S $S | Where-Object { $_.method -eq 'POST' -and $_.path -eq '/v1/tokens' }) }
    }
    AfterAll {
        foreach ($name in $SavedVcfEnvironment.Keys) { [Environment]::SetEnvironmentVariable($name, $SavedVcfEnvironment[$name]) }
        Get-VcfSddcManagerConnection | Where-Object { $_.Server -in ([uri]$sim.Url).Authority, ([uri]$other.Url).Authority } |
            Disconnect-VcfSddcManager -WarningAction SilentlyContinue
        $sim, $other | Where-Object { $_ } | Stop-VcfSimulator
    }

    It 'connecting again to a server as the same user hands back the open connection and makes it the default, with no new login' {
        $first = Connect-Same -NotDefault -Force
        $elsewhere = Connect-Same -S $other -Force
        (Get-VcfSddcManagerConnection -Default) | Should -Be $elsewhere
        Clear-SimLog
        $again = Connect-Same
        [object]::ReferenceEquals($again.psobject.BaseObject, $first.psobject.BaseObject) | Should -BeTrue
        (Get-VcfSddcManagerConnection -Default) | Should -Be $first
        Get-Logins | Should -BeNullOrEmpty
    }

    It '-NotDefault hands back the open connection and leaves the default as it was' {
        $open = Connect-Same -S $other
        $default = Connect-Same -Force
        $again = Connect-Same -S $other -NotDefault
        $again | Should -Be $open
        (Get-VcfSddcManagerConnection -Default) | Should -Be $default
    }

    It '-Force opens a new connection, with its own login' {
        $open = Connect-Same
        Clear-SimLog
        $new = Connect-Same -Force
        $new | Should -Not -Be $open
        $new.Id | Should -Not -Be $open.Id
        @(Get-Logins).Count | Should -Be 1
    }

    It 'other options (here the certificate check) open a new connection' {
        $pinned = Connect-Same
        $skipping = Connect-VcfSddcManager -Server $sim.Url -Credential (Get-VcfSimulatorCredential $sim) -SkipCertificateCheck
        $skipping | Should -Not -Be $pinned
        "$($skipping.CertificateCheck)" | Should -Be 'Skip'
    }

    It 'with no credential parameter, takes VCF_USERNAME and VCF_PASSWORD from the environment' {
        $env:VCF_USERNAME = $sim.Username
        $env:VCF_PASSWORD = $sim.Password
        try {
            Clear-SimLog
            $c = Connect-VcfSddcManager -Server $sim.Url -CertificateThumbprint $sim.Thumbprint -Force
        } finally { Remove-Item env:VCF_USERNAME, env:VCF_PASSWORD }
        $c.User | Should -Be $sim.Username
        "$($c.AuthenticationMethod)" | Should -Be 'Credential'
        @(Get-Logins).Count | Should -Be 1
        @(Get-VcfTask -Server $c -First 1).Count | Should -Be 1
    }

    It 'with no credential parameter, takes VCF_API_KEY from the environment' {
        $env:VCF_API_KEY = $sim.ApiKey
        try {
            $c = Connect-VcfSddcManager -Server $sim.Url -CertificateThumbprint $sim.Thumbprint
        } finally { Remove-Item env:VCF_API_KEY }
        "$($c.AuthenticationMethod)" | Should -Be 'ApiKey'
        @(Get-VcfTask -Server $c -First 1).Count | Should -Be 1
    }

    It 'with no credential anywhere, in a non-interactive session, answers VcfCredentialRequired at once and sends nothing' {
        $before = Get-SimMarker
        $err = $null
        try { Connect-VcfSddcManager -Server $sim.Url -CertificateThumbprint $sim.Thumbprint -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'VcfCredentialRequired,VcfTasks.Commands.ConnectVcfSddcManagerCommand'
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err.ErrorDetails.RecommendedAction | Should -Match 'VCF_USERNAME'
        Get-SimMarker | Should -Be ($before + 1) -Because 'no request reaches the server between the two markers'
    }

    It '-Server a,b,... : each failure is its own error in the order given, the others connect, and the last connected is the default' {
        $cred = Get-VcfSimulatorCredential $sim
        $out = @(Connect-VcfSddcManager -Server 'http://plain.rainpole.io', $sim.Url, $other.Url, $sim.Url.Replace('127.0.0.1', 'localhost') -Credential $cred -CertificateThumbprint $sim.Thumbprint -Force -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Server | Should -Be @(([uri]$sim.Url).Authority, "localhost:$(([uri]$sim.Url).Port)")
        Get-ErrorId $errs | Should -Be @('VcfInvalidServer', 'VcfCertificateUntrusted')
        $errs.TargetObject | Should -Be @('http://plain.rainpole.io', $other.Url)
        (Get-VcfSddcManagerConnection -Default) | Should -Be $out[1]
    }

    It '-Server a,b logs in to every server side by side: the second is asked while the first login is still in flight' {
        # The first server never answers its login; one after another, the second would not be asked until the first
        # gave up (after -TimeoutSec 100). Run in a runspace of its own, stopped (Ctrl+C) once the second was asked.
        Add-SimFault @{ method = 'POST'; path = '/v1/tokens'; count = 1; kind = 'hang' }
        Clear-SimLog -S $other
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$env:VCFTASKS_MODULE'; Connect-VcfSddcManager -Server '$($sim.Url)', '$($other.Url)' -Credential `$args[0] -SkipCertificateCheck -TimeoutSec 100").AddArgument((Get-VcfSimulatorCredential $other))
            $running = $ps.BeginInvoke()
            $log = Wait-SimLog -S $other -Until { $_.method -eq 'POST' -and $_.path -eq '/v1/tokens' }
            $running.IsCompleted | Should -BeFalse -Because 'the first login is still held by the server'
            $ps.Stop()
        } finally { $ps.Dispose(); Clear-SimFault }
        Format-SimLog $log | Should -Contain 'POST /v1/tokens 201'
    }
}
