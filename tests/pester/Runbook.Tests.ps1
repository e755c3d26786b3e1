# The README's sample runbook, run as a scheduler would, against the simulator.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $env:VCFTASKS_REPO 'tools/VcfSimulator.psm1') -Force
    $runbook = Join-Path $env:VCFTASKS_REPO 'examples/Invoke-NightlyTaskRetry.ps1'
}

Describe 'The sample runbook examples/Invoke-NightlyTaskRetry.ps1' {
    It 'retries every failed, retryable task, waits, and exits 1 when some fail again (with one warning each)' {
        $sim = Start-VcfSimulator -Tasks 60 -Seed 3 -StepMs 50 -RetryFailurePercent 30
        try {
            $null = Connect-VcfSddcManager -Server $sim.Url -Credential (Get-VcfSimulatorCredential $sim) -CertificateThumbprint $sim.Thumbprint -NotDefault
            $retryable = @(Get-VcfTask -Server $sim.Url.Substring(8) -Status Failed | Where-Object IsRetryable)
            # Credentials tasks go through the credentials API; a password UPDATE needs passwords, so it is a problem, not a PATCH.
            $updates = @($retryable | Where-Object IsCredentialsTask | Get-VcfCredentialTask -Server $sim.Url.Substring(8) | Where-Object OperationType -eq 'UPDATE')
            $output = & $runbook -Server $sim.Url -Credential (Get-VcfSimulatorCredential $sim) -CertificateThumbprint $sim.Thumbprint `
                        -ModulePath $env:VCFTASKS_MODULE -WaitTimeoutSec 120 3>&1
            $code = $LASTEXITCODE
            $patches = @(Invoke-VcfSimulatorControl $sim GET /_sim/requests | Where-Object method -eq PATCH)
            ($patches.path | Sort-Object) | Should -Be @($retryable | Where-Object Id -notin $updates.Id |
                ForEach-Object { if ($_.IsCredentialsTask) { "/v1/credentials/tasks/$($_.Id)" } else { "/v1/tasks/$($_.Id)" } } | Sort-Object)
            $warnings = @($output | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
            $summary = $output | Where-Object { $_ -is [string] -and $_ -like 'Summary:*' }
            $summary | Should -Match "of $($retryable.Count) retried task\(s\) succeeded; $($warnings.Count) problem\(s\)"
            $warnings.Count | Should -BeGreaterThan 0
            $warnings | ForEach-Object { $_.Message | Should -Match 'failed again|needs passwords SDDC Manager does not give back' }
            @($warnings | Where-Object Message -match 'needs passwords').Count | Should -Be $updates.Count
            $code | Should -Be 1
        } finally {
            Stop-VcfSimulator $sim
        }
    }

    It 'exits 0 when every retried task succeeds' {
        # Seed 9: seven failed tasks, one of them a credentials task retried through the credentials API, and no
        # password UPDATE (which needs passwords and so is a problem the runbook reports with exit 1).
        $sim = Start-VcfSimulator -Tasks 30 -Seed 9 -StepMs 50 -RetryFailurePercent 0
        try {
            $null = & $runbook -Server $sim.Url -Credential (Get-VcfSimulatorCredential $sim) -CertificateThumbprint $sim.Thumbprint -ModulePath $env:VCFTASKS_MODULE -WaitTimeoutSec 120
            $LASTEXITCODE | Should -Be 0
        } finally {
            Stop-VcfSimulator $sim
        }
    }

    It 'exits 2 when the credentials are refused' {
        $sim = Start-VcfSimulator -Tasks 5
        try {
            $bad = [pscredential]::new($sim.Username, (ConvertTo-SecureString 'not-the-password' -AsPlainText -Force))
            $null = & $runbook -Server $sim.Url -Credential $bad -CertificateThumbprint $sim.Thumbprint -ModulePath $env:VCFTASKS_MODULE 2>&1
            $LASTEXITCODE | Should -Be 2
        } finally {
            Stop-VcfSimulator $sim
        }
    }
}

Describe 'The sample runbook started by a scheduler (pwsh -NonInteractive -File, no -Credential)' {
    BeforeAll {
        # Runs the runbook as cron or Task Scheduler would: a pwsh of its own, -NonInteractive, no console input, with
        # only the VCF_* variables given here (none of this session's). Returns the exit code and every line written.
        function script:Invoke-Scheduled {
            param($S, [hashtable] $Environment = @{})
            $psi = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
            foreach ($a in 'tool', 'run', 'pwsh', '-NoProfile', '-NonInteractive', '-File', $runbook, '-Server', $S.Url,
                           '-CertificateThumbprint', $S.Thumbprint, '-ModulePath', $env:VCFTASKS_MODULE, '-WaitTimeoutSec', '120') { $psi.ArgumentList.Add($a) }
            $psi.WorkingDirectory = $env:VCFTASKS_REPO
            $psi.RedirectStandardInput = $true
            $psi.RedirectStandardOutput = $true
            $psi.RedirectStandardError = $true
            $psi.Environment['NO_COLOR'] = '1'
            foreach ($name in 'VCF_USERNAME', 'VCF_PASSWORD', 'VCF_API_KEY') { $null = $psi.Environment.Remove($name) }
            foreach ($name in $Environment.Keys) { $psi.Environment[$name] = $Environment[$name] }
            $p = [System.Diagnostics.Process]::Start($psi)
            $p.StandardInput.Close()
            $err = $p.StandardError.ReadToEndAsync()
            $out = $p.StandardOutput.ReadToEnd()
            $p.WaitForExit()
            [pscustomobject]@{ Code = $p.ExitCode; Lines = @(($out + $err.GetAwaiter().GetResult()) -split '\r?\n' | Where-Object { $_ }) }
        }
    }

    It 'takes VCF_USERNAME and VCF_PASSWORD from the environment, retries, and exits 0' {
        # Seed 9, as above: no failed password UPDATE, which the runbook rightly reports (it needs passwords to retry).
        $sim = Start-VcfSimulator -Tasks 30 -Seed 9 -StepMs 50 -RetryFailurePercent 0
        try {
            $run = Invoke-Scheduled $sim @{ VCF_USERNAME = $sim.Username; VCF_PASSWORD = $sim.Password }
            $run.Code | Should -Be 0 -Because ($run.Lines -join "`n")
            @(Invoke-VcfSimulatorControl $sim GET /_sim/requests | Where-Object method -eq PATCH).Count | Should -BeGreaterThan 0
            $run.Lines | Where-Object { $_ -like 'Summary:*' } | Should -Match 'succeeded; 0 problem\(s\)'
            ($run.Lines -join "`n") | Should -Not -Match ([regex]::Escape($sim.Password))
        } finally {
            Stop-VcfSimulator $sim
        }
    }

    It 'with no credential anywhere exits 2 at once with VcfCredentialRequired, never prompting, and sends nothing' {
        $sim = Start-VcfSimulator -Tasks 5
        try {
            $run = Invoke-Scheduled $sim
            $run.Code | Should -Be 2
            ($run.Lines -join "`n") | Should -Match 'VcfCredentialRequired'
            ($run.Lines -join "`n") | Should -Not -Match 'User:|Password for'
            @(Invoke-VcfSimulatorControl $sim GET /_sim/requests | Where-Object { $_.path -like '/v1/*' }) | Should -BeNullOrEmpty
        } finally {
            Stop-VcfSimulator $sim
        }
    }
}
