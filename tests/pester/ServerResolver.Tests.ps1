# What a -Server value names: the rules of ServerResolver (src/VcfTasks/ServerResolver.cs), the one place every cmdlet
# and completer asks, tested here once. The resolver is internal, so it is called through reflection, against a
# registry of its own holding replayed (fixture) connections: the connections other test files leave open in this
# runspace cannot change the answers. That every cmdlet uses it is shown in Servers.Tests.ps1 and Completion.Tests.ps1.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $assembly = [VcfTasks.Commands.VcfCmdlet].Assembly
    $script:RegistryType = $assembly.GetType('VcfTasks.ConnectionRegistry', $true)
    $script:MatchType = $assembly.GetType('VcfTasks.ServerMatch', $true)
    $script:Resolver = $assembly.GetType('VcfTasks.ServerResolver', $true)
    $script:Registry = [Activator]::CreateInstance($RegistryType, $true)

    # Connected in this order (so newest first: lax2, lax1, sfo8443, sfo): sfo is the default; the lax ones -NotDefault.
    $fixture = Join-Path $env:VCFTASKS_FIXTURES seed.fixture.json
    $script:C = [ordered]@{}
    foreach ($p in @(@('sfo', 'sfo-vcf01.rainpole.io', $true), @('sfo8443', 'https://sfo-vcf01.rainpole.io:8443/', $false),
                     @('lax1', 'lax-vcf01.rainpole.io', $false), @('lax2', 'lax-vcf01.rainpole.io', $false))) {
        $made = (Connect-VcfSddcManager -Server $p[1] -FixturePath $fixture -NotDefault).psobject.BaseObject
        $null = $RegistryType.GetMethod('Add').Invoke($Registry, @($made, $p[2]))
        $C[$p[0]] = $made
    }
    $script:Closed = (Connect-VcfSddcManager -Server 'old.rainpole.io' -FixturePath $fixture -NotDefault).psobject.BaseObject
    $null = $RegistryType.GetMethod('Add').Invoke($Registry, @($Closed, $false))
    Disconnect-VcfSddcManager -Server $Closed

    # What ServerResolver.Resolve makes of $Given under the rules $Match (Tasks, Disconnect, Connections): the names
    # (keys of $C) of the connections, in order, and the error ids.
    function script:Resolve-Server {
        param($Given, [string] $Match = 'Tasks', [string] $Mode = 'Single')
        $RegistryType.GetProperty('Mode').SetValue($Registry, [Enum]::Parse([VcfTasks.DefaultServerMode], $Mode))
        $arguments = [object[]]::new(3)
        if ($null -ne $Given) {
            $values = [System.Collections.ArrayList]::new()
            foreach ($g in @($Given)) { $null = $values.Add($g) }
            $arguments[0] = $values
        }
        $arguments[1] = [Enum]::Parse($MatchType, $Match)
        $arguments[2] = $Registry
        $lookups = @($Resolver.GetMethod('Resolve').Invoke($null, $arguments))
        $names = foreach ($l in $lookups) {
            foreach ($found in $l.Connections) { @($C.Keys | Where-Object { [object]::ReferenceEquals($C[$_], $found) })[0] }
        }
        [pscustomobject]@{
            Names  = @($names)
            Errors = @($lookups | Where-Object { $_.Error } | ForEach-Object { $_.Error.FullyQualifiedErrorId })
        }
    }
}
AfterAll {
    $C.Values | Where-Object IsConnected | Disconnect-VcfSddcManager
}

Describe 'ServerResolver: what a -Server value names' {
    It '<Because>: <Given> gives <Expected>' -ForEach @(
        @{ Given = 'sfo-vcf01.rainpole.io'; Expected = 'sfo'; Because = 'a server name, as the connection writes it' }
        @{ Given = 'SFO-VCF01.Rainpole.IO'; Expected = 'sfo'; Because = 'names ignore case' }
        @{ Given = 'sfo-vcf01.rainpole.io:8443'; Expected = 'sfo8443'; Because = 'host:port' }
        @{ Given = 'https://sfo-vcf01.rainpole.io:8443/'; Expected = 'sfo8443'; Because = 'the URL as BaseUri writes it, with its slash' }
        @{ Given = 'https://sfo-vcf01.rainpole.io:8443'; Expected = 'sfo8443'; Because = 'the URL without the slash' }
        @{ Given = 'sfo-vcf01.rainpole.io:443'; Expected = 'sfo'; Because = 'an address with the default port written out' }
        @{ Given = 'https://sfo-vcf01.rainpole.io'; Expected = 'sfo'; Because = 'a URL without a port' }
        @{ Given = 'lax-vcf01.rainpole.io'; Expected = 'lax2'; Because = 'a plain name with two connections: the newest' }
        @{ Given = 'sfo-vcf01.rainpole.io'; Expected = 'sfo'; Because = 'the connection whose Server it is, before a newer one on another port of that host' }
        @{ Given = 'sfo-*'; Expected = 'sfo8443,sfo'; Because = 'a wildcard: each server it matches, newest first' }
        @{ Given = 'lax-*'; Expected = 'lax2'; Because = 'a wildcard: one connection per server, the newest' }
        @{ Given = '*:8443'; Expected = 'sfo8443'; Because = 'a wildcard over host:port' }
        @{ Given = 'https://*'; Expected = 'lax2,sfo8443,sfo'; Because = 'a wildcard over the URL' }
    ) {
        (Resolve-Server $Given).Names -join ',' | Should -Be $Expected
        (Resolve-Server $Given).Errors | Should -BeNullOrEmpty
    }

    It 'a connection object is itself; its id names it too' {
        (Resolve-Server $C.lax1).Names | Should -Be @('lax1')
        (Resolve-Server $C.lax1.Id).Names | Should -Be @('lax1')
        (Resolve-Server ([psobject]$C.sfo8443)).Names | Should -Be @('sfo8443')
    }

    It 'a row with a Server column, or a hashtable with a Server key, is that value' {
        (Resolve-Server ([pscustomobject]@{ Id = 'x'; Server = 'sfo-vcf01.rainpole.io:8443' })).Names | Should -Be @('sfo8443')
        (Resolve-Server @{ Server = $C.lax1 }).Names | Should -Be @('lax1')
    }

    It 'several values: what each names, in the order given' {
        (Resolve-Server @('lax-*', $C.sfo, 'lax-vcf01.rainpole.io', 'sfo-vcf01.rainpole.io')).Names -join ',' | Should -Be 'lax2,sfo,lax2,sfo'
    }

    It '<Given> is <Error> under the rules for <Match>' -ForEach @(
        @{ Given = 'nosuch.rainpole.io'; Match = 'Tasks'; Error = 'VcfNotConnected' }
        @{ Given = 'nosuch.rainpole.io'; Match = 'Disconnect'; Error = 'VcfNotConnected' }
        @{ Given = 'nosuch.rainpole.io'; Match = 'Connections'; Error = 'VcfNotConnected' }
        @{ Given = 'nosuch-*'; Match = 'Tasks'; Error = 'VcfNotConnected' }
        @{ Given = '['; Match = 'Tasks'; Error = 'VcfInvalidNamePattern' }
        @{ Given = '['; Match = 'Connections'; Error = 'VcfInvalidNamePattern' }
        @{ Given = 'old.rainpole.io'; Match = 'Tasks'; Error = 'VcfNotConnected' }
    ) {
        $r = Resolve-Server $Given -Match $Match
        $r.Names | Should -BeNullOrEmpty
        $r.Errors | Should -Be @($Error)
    }

    It 'a closed connection object names nothing: VcfNotConnected' {
        $r = Resolve-Server $Closed
        $r.Names | Should -BeNullOrEmpty
        $r.Errors | Should -Be @('VcfNotConnected')
    }

    It 'a wildcard that matches nothing is no error for Disconnect and Get-VcfSddcManagerConnection' {
        foreach ($m in 'Disconnect', 'Connections') {
            $r = Resolve-Server 'nosuch-*' -Match $m
            $r.Names | Should -BeNullOrEmpty -Because $m
            $r.Errors | Should -BeNullOrEmpty -Because $m
        }
    }

    It 'Get-VcfSddcManagerConnection and Disconnect take every connection a wildcard matches; Get-VcfSddcManagerConnection every one a plain name names' {
        (Resolve-Server 'lax-*' -Match Connections).Names -join ',' | Should -Be 'lax2,lax1'
        (Resolve-Server 'lax-*' -Match Disconnect).Names -join ',' | Should -Be 'lax2,lax1'
        (Resolve-Server 'lax-vcf01.rainpole.io' -Match Connections).Names -join ',' | Should -Be 'lax2,lax1'
        (Resolve-Server 'lax-vcf01.rainpole.io' -Match Disconnect).Names -join ',' | Should -Be 'lax2'
        (Resolve-Server 'sfo-vcf01.rainpole.io' -Match Connections).Names -join ',' | Should -Be 'sfo8443,sfo' -Because 'a host name matches each port of it'
    }

    It 'no value: the default connection; in Multiple mode every connection made without -NotDefault, and the default' {
        (Resolve-Server $null).Names | Should -Be @('sfo')
        (Resolve-Server $null -Mode Multiple).Names | Should -Be @('sfo')
        $null = $RegistryType.GetMethod('MakeDefault').Invoke($Registry, @($C.lax1))
        try {
            (Resolve-Server $null).Names | Should -Be @('lax1')
            (Resolve-Server $null -Mode Multiple).Names -join ',' | Should -Be 'lax1,sfo'
            (Resolve-Server $null -Match Disconnect -Mode Multiple).Names | Should -Be @('lax1') -Because 'a bare Disconnect ends one connection only'
            (Resolve-Server $null -Match Connections).Names -join ',' | Should -Be 'lax2,lax1,sfo8443,sfo'
        } finally {
            $null = $RegistryType.GetMethod('MakeDefault').Invoke($Registry, @($C.sfo))
        }
    }

    It 'a task goes back to its connection; if that was closed, to the newest open connection to the same server' {
        $tasks = @(Get-VcfTask -Server $C.sfo8443)
        (Resolve-Server $tasks[0]).Names | Should -Be @('sfo8443')
        $reopened = (Connect-VcfSddcManager -Server 'sfo-vcf01.rainpole.io:8443' -FixturePath (Join-Path $env:VCFTASKS_FIXTURES seed.fixture.json) -NotDefault).psobject.BaseObject
        $null = $RegistryType.GetMethod('Add').Invoke($Registry, @($reopened, $false))
        $C['reopened'] = $reopened
        Disconnect-VcfSddcManager -Server $C.sfo8443
        (Resolve-Server $tasks[0]).Names | Should -Be @('reopened')
    }
}
