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
