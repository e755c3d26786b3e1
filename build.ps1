#requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests and demonstrates VcfTasks.
.DESCRIPTION
    -Task Build   builds the solution and assembles the importable module in out/VcfTasks.
    -Task Test    builds, checks the house style (dotnet format --verify-no-changes, .editorconfig), runs every
                  xunit test, then Pester 5 in a fresh pwsh against out/VcfTasks;
                  the last line is "Total: N passed, M failed"; exits non-zero when anything failed.
    -Task Demo    builds, then runs the headline pipeline for a newcomer to watch.
    -Task Help    makes the help (VcfTasks.dll-Help.xml, about_VcfTasks.help.txt) from docs/*.md into out/VcfTasks/en-US,
                  the built module's help folder, with platyPS's New-ExternalHelp when platyPS is installed and
                  tools/ConvertTo-MamlHelp.ps1 otherwise (it says which); Build does it too, so help is never older
                  than docs/.
    -Task Record  remakes the flow fixtures in tests/fixtures by recording the module against the simulator.
    -Task Bench   builds, then runs bench/Invoke-Benchmark.ps1 against the simulator (10,000 tasks) and
                  bench/Measure-Fleet.ps1 (20 servers at 100 ms from one simulator process), and prints the figures.
    -Task Package builds, then publishes the module with PSResourceGet (Publish-PSResource) to the local file
                  repository -RepositoryPath (default out/, so out/VcfTasks.<version>.nupkg), and zips the same files
                  as out/VcfTasks-<version>.zip for offline machines. Fails, overwriting nothing, when the repository
                  already holds that version or the package lacks a file its manifest lists.
    -Task Clean   removes out/ and the bin/obj folders.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Help', 'Record', 'Bench', 'Package', 'Clean')]
    [string] $Task = 'Build',
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',
    # -Task Package: the local file repository (a folder, e.g. a company share) to publish the package to.
    [string] $RepositoryPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'VcfTasks'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'

Import-Module (Join-Path $Root 'tools/VcfPackaging.psm1') -Force

function Invoke-Native {
    param([string] $File, [string[]] $Arguments)
    & $File @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$File $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

function Get-ModuleVersion {
    $props = [xml](Get-Content -Raw (Join-Path $Root 'Directory.Build.props'))
    $props.Project.PropertyGroup.VcfTasksVersion | Where-Object { $_ } | Select-Object -First 1
}

# Help is made from docs/ at every build, straight into the module, and never committed: it cannot drift from docs/.
# platyPS's New-ExternalHelp makes it when platyPS is installed, tools/ConvertTo-MamlHelp.ps1 otherwise; the line
# printed says which.
function Invoke-Help {
    $helpOut = Join-Path $ModuleOut 'en-US'
    if (Test-Path $helpOut) { Remove-Item -Recurse -Force $helpOut }
    # Imported here, not at the top: the checks that run before any build need only VcfPackaging.psm1.
    Import-Module (Join-Path $Root 'tools/VcfHelp.psm1') -Force
    $maker = New-VcfHelp -DocsPath (Join-Path $Root 'docs') -OutputPath $helpOut
    Write-Host "Help made from docs/ in $helpOut with $maker"
}

function Invoke-Build {
    # The changelog's newest entry must be the version being built: checked first, before anything is compiled.
    $version = Get-ModuleVersion
    $changes = Assert-VcfChangelogVersion -Path (Join-Path $Root 'CHANGELOG.md') -Version $version
    Invoke-Native dotnet @('build', (Join-Path $Root 'VcfTasks.sln'), '-c', $Configuration, '--nologo', '-v', 'quiet', '-clp:ErrorsOnly')
    if (Test-Path $ModuleOut) { Remove-Item -Recurse -Force $ModuleOut }
    $null = New-Item -ItemType Directory -Force $ModuleOut
    $bin = Join-Path $Root "src/VcfTasks/bin/$Configuration/netstandard2.0"
    # Only the module's own assemblies, those the manifest names. PowerShell 7.4+ has System.Text.Json 8 or later
    # and every assembly it depends on, and loads those rather than copies beside the module; shipping them
    # (or System.Management.Automation) would only add files that are never loaded, or that conflict.
    $manifest = Import-PowerShellDataFile (Join-Path $Root 'VcfTasks.psd1')
    foreach ($dll in @($manifest.RootModule) + @($manifest.RequiredAssemblies) + @($manifest['NestedModules']) | Where-Object { $_ -like '*.dll' }) {
        Copy-Item (Join-Path $bin $dll) $ModuleOut
    }
    Copy-Item (Join-Path $Root 'src/VcfTasks/VcfTasks.Format.ps1xml'), (Join-Path $Root 'src/VcfTasks/VcfTasks.Types.ps1xml') $ModuleOut
    Invoke-Help
    # Stamped: the version from Directory.Build.props, the release notes from the changelog's newest entry.
    $notes = $changes.Notes -replace "'", "''"
    (Get-Content -Raw (Join-Path $Root 'VcfTasks.psd1')) -replace "ModuleVersion\s*=\s*'[^']*'", "ModuleVersion        = '$version'" -replace
        "ReleaseNotes\s*=\s*'[^']*'", { "ReleaseNotes = '$notes'" } |
        Set-Content -NoNewline (Join-Path $ModuleOut 'VcfTasks.psd1')
    $sim = Join-Path $Root "src/VcfTasks.Simulator/bin/$Configuration/net10.0"
    $simOut = Join-Path $Out 'VcfTasks.Simulator'
    if (Test-Path $simOut) { Remove-Item -Recurse -Force $simOut }
    Copy-Item -Recurse $sim $simOut
    Write-Host "Built VcfTasks $version in $ModuleOut"
}

function Get-PesterModulePath {
    $installed = Get-Module -ListAvailable Pester | Where-Object { $_.Version -ge [version]'5.5' -and $_.Version.Major -eq 5 } |
        Sort-Object Version -Descending | Select-Object -First 1
    if ($installed) { return $installed.Path }
    # The PowerShell Gallery may be unreachable; NuGet carries the same package.
    Invoke-Native dotnet @('restore', (Join-Path $Root 'tests/tools/Pester.Restore.csproj'), '--nologo', '-v', 'quiet')
    $cache = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $psd1 = Get-ChildItem (Join-Path $cache.Trim() 'pester') -Directory | Where-Object Name -like '5.*' |
        Sort-Object { [version]$_.Name } -Descending | Select-Object -First 1 |
        ForEach-Object { Join-Path $_.FullName 'tools/Pester.psd1' }
    if (-not $psd1 -or -not (Test-Path $psd1)) { throw 'Pester 5 could not be restored from NuGet.' }
    $psd1
}

function Invoke-XunitProject {
    param([string] $Project)
    $name = [IO.Path]::GetFileNameWithoutExtension($Project)
    $results = Join-Path $Out "test-results/$name"
    if (Test-Path $results) { Remove-Item -Recurse -Force $results }
    & dotnet test $Project -c $Configuration --no-build --nologo --logger "trx;LogFileName=$name.trx" --results-directory $results | Out-Host
    $exitCode = $LASTEXITCODE
    $trx = Get-ChildItem $results -Filter *.trx -Recurse -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $trx) { return [pscustomobject]@{ Name = $name; Passed = 0; Failed = 1; Failures = @("$name produced no results") } }
    $run = ([xml](Get-Content -Raw $trx.FullName)).TestRun
    $counters = $run.ResultSummary.Counters
    # The names and first message line of the failures, so that the tail of a CI log says what broke.
    $failures = @($run.Results.UnitTestResult | Where-Object outcome -in 'Failed', 'Error', 'Timeout' | ForEach-Object {
        $message = "$($_.Output.ErrorInfo.Message)".Trim() -split '\r?\n' | Select-Object -First 1
        "$($_.testName): $message"
    })
    $failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout
    # A test host that crashed leaves a trx that counts no failure: the run's outcome and exit code say it.
    if ($failed -eq 0 -and ($exitCode -ne 0 -or $run.ResultSummary.outcome -ne 'Completed')) {
        $failed = 1
        $failures += "the test run did not complete (outcome $($run.ResultSummary.outcome), exit code $exitCode); see the log above"
    }
    [pscustomobject]@{ Name = $name; Passed = [int]$counters.passed; Failed = $failed; Failures = $failures }
}

# The house style (.editorconfig) checked before the tests: a file that `dotnet format` would change is a failure
# of the run, named with its file and line, and the tests still run so the log shows both.
function Invoke-FormatCheck {
    $log = & dotnet format (Join-Path $Root 'VcfTasks.sln') --verify-no-changes --no-restore 2>&1 | ForEach-Object { "$_" }
    $exitCode = $LASTEXITCODE
    if ($exitCode -eq 0) { return [pscustomobject]@{ Name = 'Format'; Passed = 1; Failed = 0; Failures = @() } }
    $found = @($log | Where-Object { $_ -match ': (error|warning) ' } | ForEach-Object { ($_ -replace ' \[[^\]]*\]$', '').Replace("$Root$([IO.Path]::DirectorySeparatorChar)", '') })
    $log | Out-Host
    $failures = @("dotnet format --verify-no-changes found $($found.Count) change(s) to make (exit code $exitCode); run 'dotnet format VcfTasks.sln' and commit") +
        @($found | Select-Object -First 20)
    [pscustomobject]@{ Name = 'Format'; Passed = 0; Failed = 1; Failures = $failures }
}

function Invoke-Test {
    Invoke-Build
    $summary = [System.Collections.Generic.List[object]]::new()
    $summary.Add((Invoke-FormatCheck))
    foreach ($project in Get-ChildItem (Join-Path $Root 'tests') -Recurse -Filter '*.Tests.csproj') {
        $summary.Add((Invoke-XunitProject $project.FullName))
    }
    $pester = Get-PesterModulePath
    $pesterResult = Join-Path $Out 'test-results/pester.json'
    $null = New-Item -ItemType Directory -Force (Split-Path $pesterResult)
    if (Test-Path $pesterResult) { Remove-Item $pesterResult }
    # A fresh pwsh, so the tests load the built module and nothing of this session.
    & dotnet tool run pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tests/pester/Invoke-PesterSuite.ps1') `
        -PesterPath $pester -ModulePath (Join-Path $ModuleOut 'VcfTasks.psd1') -ResultPath $pesterResult | Out-Host
    if (Test-Path $pesterResult) {
        $p = Get-Content -Raw $pesterResult | ConvertFrom-Json
        $failures = @($p.Failures | Where-Object { $_ })
        # Never fewer failures than named ones, and a run that counted nothing is a failure, not a pass.
        $failed = [Math]::Max([int]$p.Failed, $failures.Count)
        if ($null -eq $p.Passed -or $null -eq $p.Failed) { $failed = [Math]::Max($failed, 1); $failures += 'Pester reported no counts' }
        $summary.Add([pscustomobject]@{ Name = 'Pester'; Passed = [int]$p.Passed; Failed = $failed; Failures = $failures })
    } else {
        $summary.Add([pscustomobject]@{ Name = 'Pester'; Passed = 0; Failed = 1; Failures = @('the Pester run wrote no results') })
    }
    $failures = @($summary | ForEach-Object { foreach ($f in $_.Failures) { if ($f) { "  [$($_.Name)] $f" } } })
    if ($failures) { Write-Host "`nFailed:"; $failures | ForEach-Object { Write-Host $_ } }
    $summary | Format-Table Name, Passed, Failed -AutoSize | Out-Host
    $passed = ($summary | Measure-Object Passed -Sum).Sum
    $failed = ($summary | Measure-Object Failed -Sum).Sum
    Write-Host "Total: $passed passed, $failed failed"
    if ($failed -gt 0) { exit 1 }
}

# Demo, Record and Bench: build, then run one script against the built module and simulator in a fresh pwsh.
function Invoke-SimulatorScript {
    param([string] $Script)
    Invoke-Build
    & dotnet tool run pwsh -NoProfile -File (Join-Path $Root $Script) -ModulePath (Join-Path $ModuleOut 'VcfTasks.psd1') -SimulatorPath (Join-Path $Out 'VcfTasks.Simulator/VcfTasks.Simulator.dll')
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

function Invoke-Demo { Invoke-SimulatorScript 'tools/demo.ps1' }

function Invoke-Record { Invoke-SimulatorScript 'tools/record-fixtures.ps1' }

function Invoke-Bench {
    Invoke-SimulatorScript 'bench/Invoke-Benchmark.ps1'
    # The fleet scenario (issue 14): 20 servers at 100 ms, from the build just made.
    & dotnet tool run pwsh -NoProfile -File (Join-Path $Root 'bench/Measure-Fleet.ps1') -ModulePath (Join-Path $ModuleOut 'VcfTasks.psd1') -SimulatorPath (Join-Path $Out 'VcfTasks.Simulator/VcfTasks.Simulator.dll')
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

function Invoke-Package {
    $repository = if ($RepositoryPath) { $RepositoryPath } else { $Out }
    $version = Get-ModuleVersion
    # Checked before building too, so that a refused package changes nothing at all.
    Assert-VcfVersionNotPublished -RepositoryPath $repository -Version $version
    Invoke-Build
    $work = Join-Path $Out 'package'
    if (Test-Path $work) { Remove-Item -Recurse -Force $work }
    $package = Publish-VcfPackage -ModulePath $ModuleOut -RepositoryPath $repository -WorkPath $work `
        -IncludeFile (Join-Path $Root 'LICENSE'), (Join-Path $Root 'README.md')
    $nupkg = Join-Path $Out "VcfTasks.$version.nupkg"
    if ($package.Path -ne $nupkg) { Copy-Item $package.Path $nupkg -Force }
    # The offline route: the same files as the package, in a VcfTasks folder to unzip onto $env:PSModulePath.
    $zip = Join-Path $Out "VcfTasks-$version.zip"
    if (Test-Path $zip) { Remove-Item $zip }
    Compress-Archive -Path $package.StagePath -DestinationPath $zip
    Write-Host "Published $($package.Path) to the repository $repository"
    Write-Host "Packaged $nupkg and $zip"
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Help' { Invoke-Help }
    'Record' { Invoke-Record }
    'Bench' { Invoke-Bench }
    'Package' { Invoke-Package }
    'Clean' {
        foreach ($dir in @($Out) + (Get-ChildItem $Root -Recurse -Directory -Include bin, obj | ForEach-Object FullName)) {
            if (Test-Path $dir) { Remove-Item -Recurse -Force $dir }
        }
    }
}
