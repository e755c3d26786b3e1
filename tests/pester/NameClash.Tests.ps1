# Name clashes: PowerVCF exports Get-VCFTask, and command names ignore case. Each case runs in a fresh pwsh, since
# import order is the point, with a small fake module standing in for PowerVCF.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'FreshPwsh.ps1')
    $fakeDir = Join-Path $TestDrive 'FakeVcf'
    $null = New-Item -ItemType Directory $fakeDir
    Set-Content (Join-Path $fakeDir 'FakeVcf.psm1') -Value "function Get-VCFTask { 'fake task' }`nExport-ModuleMember -Function Get-VCFTask"
    $script:Fake = Join-Path $fakeDir 'FakeVcf.psm1'
    $script:Ours = $env:VCFTASKS_MODULE

    # Runs $Body in a fresh pwsh; every warning it writes comes back as 'W: <message>', other output as is.
    function script:Invoke-Scenario([string] $Body) {
        Invoke-FreshPwsh "`$ErrorActionPreference = 'Stop'`n& {`n$Body`n} 3>&1 | ForEach-Object { if (`$_ -is [System.Management.Automation.WarningRecord]) { 'W: ' + `$_.Message } else { `"`$_`" } }"
    }
}

Describe 'Name clash warning' {
    It 'warns once on import when a loaded module already exports Get-VCFTask, naming both and VcfTasks\Get-VcfTask' {
        $out = Invoke-Scenario "Import-Module '$Fake'; Import-Module '$Ours'; Get-VcfTask; Get-VcfTask"
        $warnings = @($out | Where-Object { $_ -like 'W: *' })
        $warnings.Count | Should -Be 1 -Because ($out -join "`n")
        $warnings[0] | Should -BeLike '*FakeVcf\Get-VCFTask*'
        $warnings[0] | Should -BeLike '*VcfTasks\Get-VcfTask*'
        # The fake is a function, which PowerShell finds before any cmdlet: it answers, and the warning says so.
        $warnings[0] | Should -BeLike "*answers 'Get-VcfTask' before this module's cmdlet*"
        @($out | Where-Object { $_ -eq 'fake task' }).Count | Should -Be 2
    }

    It 'warns once, at the first call, when the other module is imported after this one' {
        $out = Invoke-Scenario "Import-Module '$Ours'; Import-Module '$Fake'; 'imported'; Get-VcfTask; Get-VcfTask"
        $out[0] | Should -Be 'imported' -Because 'nothing of ours runs when the other module is imported'
        $warnings = @($out | Where-Object { $_ -like 'W: *' })
        $warnings.Count | Should -Be 1 -Because ($out -join "`n")
        $warnings[0] | Should -BeLike '*FakeVcf\Get-VCFTask*VcfTasks\Get-VcfTask*'
    }

    It 'does not warn for the module''s own commands, imported again or called module-qualified' {
        $out = Invoke-Scenario @"
Import-Module '$Ours'
Import-Module '$Ours' -Force
`$null = Connect-VcfSddcManager -Server sfo -FixturePath '$(Join-Path $env:VCFTASKS_FIXTURES seed.fixture.json)'
(Get-VcfTask -Id $script:SeedGetId).Id
(VcfTasks\Get-VcfTask -Id $script:SeedGetId).Id
"@
        @($out | Where-Object { $_ -like 'W: *' }) | Should -BeNullOrEmpty
        @($out | Where-Object { $_ -eq $script:SeedGetId }).Count | Should -Be 2 -Because ($out -join "`n")
    }

    It 'reaches this module''s cmdlet with the module-qualified name while the other answers the short one' {
        $out = Invoke-Scenario @"
Import-Module '$Ours'
Import-Module '$Fake'
`$null = Connect-VcfSddcManager -Server sfo -FixturePath '$(Join-Path $env:VCFTASKS_FIXTURES seed.fixture.json)'
(VcfTasks\Get-VcfTask -Id $script:SeedGetId).GetType().FullName
"@
        $out | Should -Contain 'VcfTasks.VcfTask'
        @($out | Where-Object { $_ -like 'W: *' }) | Should -BeNullOrEmpty -Because 'the qualified name finds ours: no clash to report'
    }
}
