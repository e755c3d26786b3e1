# Proxies: -Proxy for one connection, and the HTTPS_PROXY / NO_PROXY variables, through the simulator's
# loopback CONNECT proxy, which logs each tunnel it opens as a CONNECT request.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $env:VCFTASKS_REPO 'tools/VcfSimulator.psm1') -Force
    $sim = Start-VcfSimulator -Tasks 5
    function Get-Log { @(Invoke-VcfSimulatorControl $sim GET /_sim/requests | ForEach-Object { "$($_.method) $($_.path)" }) }
    function Clear-Log { $null = Invoke-VcfSimulatorControl $sim DELETE /_sim/requests }

    # Lists one task from a fresh pwsh whose environment holds the given variables only for it.
    function Invoke-Child([hashtable] $Environment) {
        $script = "Import-Module '$env:VCFTASKS_MODULE'; `$p = ConvertTo-SecureString `$env:SIM_PASSWORD -AsPlainText -Force; " +
                  "`$null = Connect-VcfSddcManager -Server '$($sim.Url)' -Credential ([pscredential]::new('$($sim.Username)', `$p)) -CertificateThumbprint '$($sim.Thumbprint)'; " +
                  "(Get-VcfTask -First 1).Id"
        $psi = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
        foreach ($a in 'tool', 'run', 'pwsh', '-NoProfile', '-NonInteractive', '-Command', $script) { $psi.ArgumentList.Add($a) }
        $psi.WorkingDirectory = $env:VCFTASKS_REPO
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.Environment['SIM_PASSWORD'] = $sim.Password
        foreach ($k in $Environment.Keys) { $psi.Environment[$k] = $Environment[$k] }
        $p = [System.Diagnostics.Process]::Start($psi)
        $out = $p.StandardOutput.ReadToEnd()
        $null = $p.StandardError.ReadToEnd()
        $p.WaitForExit()
        $out.Trim()
    }
}
AfterAll { if ($sim) { Stop-VcfSimulator $sim } }

Describe 'Proxies' {
    It '-Proxy carries that connection''s traffic through the proxy' {
        Clear-Log
        $c = Connect-VcfSddcManager -Server $sim.Url -Credential (Get-VcfSimulatorCredential $sim) -CertificateThumbprint $sim.Thumbprint -Proxy $sim.ProxyUrl -NotDefault
        $c.Proxy | Should -Be ([uri]$sim.ProxyUrl)
        @(Get-VcfTask -Server $c -First 1).Count | Should -Be 1
        $log = Get-Log
        $log[0] | Should -Be "CONNECT 127.0.0.1:$(([uri]$sim.Url).Port)"
        $log | Should -Contain 'POST /v1/tokens'
    }

    It 'a connection without -Proxy does not use another connection''s proxy' {
        $null = Connect-VcfSddcManager -Server $sim.Url -Credential (Get-VcfSimulatorCredential $sim) -CertificateThumbprint $sim.Thumbprint -Proxy $sim.ProxyUrl -NotDefault
        Clear-Log
        $direct = Connect-VcfSddcManager -Server $sim.Url -Credential (Get-VcfSimulatorCredential $sim) -CertificateThumbprint $sim.Thumbprint -NotDefault
        $null = Get-VcfTask -Server $direct -First 1
        Get-Log | Where-Object { $_ -like 'CONNECT *' } | Should -BeNullOrEmpty
    }

    It 'HTTPS_PROXY sends the traffic through the proxy' {
        Clear-Log
        Invoke-Child @{ HTTPS_PROXY = $sim.ProxyUrl } | Should -Match '^[0-9a-f-]{36}$'
        (Get-Log)[0] | Should -BeLike 'CONNECT 127.0.0.1:*'
    }

    It 'NO_PROXY bypasses it' {
        Clear-Log
        Invoke-Child @{ HTTPS_PROXY = $sim.ProxyUrl; NO_PROXY = '127.0.0.1' } | Should -Match '^[0-9a-f-]{36}$'
        Get-Log | Where-Object { $_ -like 'CONNECT *' } | Should -BeNullOrEmpty
        Get-Log | Should -Contain 'GET /v1/tasks'
    }
}
