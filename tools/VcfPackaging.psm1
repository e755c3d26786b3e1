<#
    Packaging for build.ps1 -Task Package and for the package tests: the CHANGELOG check, the check that a
    package holds every file its manifest lists, and publishing with PSResourceGet to a local file repository.

    PSResourceGet keeps its repository registrations in one file per user, and installs CurrentUser-scope
    modules under the user's home. Everything here that calls PSResourceGet therefore runs in a child pwsh
    whose HOME and XDG_* folders are a temporary "sandbox" folder (Invoke-VcfSandboxedPwsh): a repository
    registered there, and a module installed there, never reach the user's own settings or module folders.
    Windows keeps those folders in the registry, not in environment variables, so there the sandbox cannot
    isolate PSResourceGet and the functions refuse to run rather than touch the user's registrations.
#>

$script:ModuleName = 'VcfTasks'

# The newest entry of a Keep-a-Changelog style file: "## 0.1.0 - 2026-11-30" (brackets optional), then its text.
function Get-VcfChangelogEntry {
    param([Parameter(Mandatory)] [string] $Path)
    if (-not (Test-Path -LiteralPath $Path)) { throw "The changelog $Path does not exist." }
    $lines = Get-Content -LiteralPath $Path
    $start = -1
    for ($i = 0; $i -lt $lines.Count; $i++) { if ($lines[$i] -match '^##\s') { $start = $i; break } }
    if ($start -lt 0 -or $lines[$start] -notmatch '^##\s+\[?(?<version>\d+\.\d+\.\d+(?:\.\d+)?(?:-[0-9A-Za-z.-]+)?)\]?(?:\s+-\s+(?<date>\d{4}-\d{2}-\d{2}))?\s*$') {
        $found = if ($start -ge 0) { "'$($lines[$start])'" } else { 'no "## " heading' }
        throw "The newest entry of $Path must start with '## <version> - <yyyy-mm-dd>' (found $found)."
    }
    $version = $Matches.version
    $date = $Matches.date
    $end = $lines.Count
    for ($i = $start + 1; $i -lt $lines.Count; $i++) { if ($lines[$i] -match '^##\s') { $end = $i; break } }
    $notes = (@($lines[($start + 1)..($end - 1)] | Where-Object { $null -ne $_ }) -join "`n").Trim()
    [pscustomobject]@{ Version = $version; Date = $date; Notes = $notes }
}

# Fails unless the changelog's newest entry is the version the build is about to stamp.
function Assert-VcfChangelogVersion {
    param([Parameter(Mandatory)] [string] $Path, [Parameter(Mandatory)] [string] $Version)
    $entry = Get-VcfChangelogEntry -Path $Path
    if ($entry.Version -ne $Version) {
        throw "CHANGELOG.md's newest entry is $($entry.Version) but Directory.Build.props says VcfTasksVersion ${Version}: " +
              "add a '## $Version - <yyyy-mm-dd>' entry at the top of $Path, or correct the version."
    }
    $entry
}

# The problems of a module folder as a package: files the manifest lists that are not there, and no help for
# the root module's cmdlets. Empty when the package is complete.
function Test-VcfPackageContent {
    param([Parameter(Mandatory)] [string] $Path)
    $manifestPath = Join-Path $Path "$script:ModuleName.psd1"
    if (-not (Test-Path -LiteralPath $manifestPath)) { return @("the manifest $script:ModuleName.psd1 is missing") }
    $manifest = Import-PowerShellDataFile -LiteralPath $manifestPath
    $problems = [System.Collections.Generic.List[string]]::new()
    foreach ($key in 'RootModule', 'NestedModules', 'RequiredAssemblies', 'FormatsToProcess', 'TypesToProcess', 'ScriptsToProcess', 'FileList') {
        if (-not $manifest.ContainsKey($key)) { continue }
        foreach ($entry in @($manifest[$key])) {
            # An assembly named without a path (e.g. 'System.Net.Http') is loaded from the runtime, not the package.
            if (-not $entry -or ($key -eq 'RequiredAssemblies' -and $entry -notmatch '\.dll$')) { continue }
            if (-not (Test-Path -LiteralPath (Join-Path $Path $entry))) { $problems.Add("$key lists '$entry', which is not in the package") }
        }
    }
    # Get-Help finds a binary module's cmdlet help as <culture>/<assembly file name>-Help.xml beside the assembly.
    $root = [string]$manifest['RootModule']
    if ($root -match '\.dll$') {
        $help = @(Get-ChildItem -LiteralPath $Path -Directory | Where-Object { Test-Path -LiteralPath (Join-Path $_.FullName "$root-Help.xml") })
        if ($help.Count -eq 0) { $problems.Add("no <culture>/$root-Help.xml: the cmdlets would have only the generated help stub") }
    }
    @($problems)
}

# The nupkg a local file repository holds for this module at that version, or nothing.
function Find-VcfPackageFile {
    param([Parameter(Mandatory)] [string] $RepositoryPath, [Parameter(Mandatory)] [string] $Version)
    if (-not (Test-Path -LiteralPath $RepositoryPath)) { return }
    Get-ChildItem -LiteralPath $RepositoryPath -Filter '*.nupkg' -File |
        Where-Object { $_.Name -ieq "$script:ModuleName.$Version.nupkg" }
}

# Fails when the local file repository already holds this version.
function Assert-VcfVersionNotPublished {
    param([Parameter(Mandatory)] [string] $RepositoryPath, [Parameter(Mandatory)] [string] $Version)
    $existing = Find-VcfPackageFile -RepositoryPath $RepositoryPath -Version $Version
    if ($existing) {
        throw "$script:ModuleName $Version is already in the repository $RepositoryPath ($($existing.Name)); a published " +
              'version is never overwritten: raise VcfTasksVersion in Directory.Build.props and add its CHANGELOG.md entry.'
    }
}

# Runs a script in a fresh child pwsh (this same PowerShell) whose HOME and XDG_* folders are under $Sandbox, so
# PSResourceGet's repository registrations and CurrentUser installs stay there. $Environment adds variables
# (PSModulePath among them); $Arguments are passed to the script's param block as strings. Returns the exit code,
# standard output and standard error.
function Invoke-VcfSandboxedPwsh {
    param(
        [Parameter(Mandatory)] [string] $Sandbox,
        [Parameter(Mandatory)] [string] $Script,
        [string[]] $Arguments = @(),
        [hashtable] $Environment = @{},
        [int] $TimeoutSec = 300
    )
    if ($IsWindows) { throw 'The PSResourceGet sandbox redirects HOME and XDG_DATA_HOME, which Windows ignores; run packaging on Linux or macOS.' }
    $sandboxHome = Join-Path $Sandbox 'home'
    $variables = @{
        HOME            = $sandboxHome
        XDG_DATA_HOME   = Join-Path $sandboxHome '.local/share'
        XDG_CONFIG_HOME = Join-Path $sandboxHome '.config'
        XDG_CACHE_HOME  = Join-Path $sandboxHome '.cache'
    }
    # .NET returns an empty LocalApplicationData for a folder that does not exist, and PSResourceGet then
    # writes its settings relative to the working directory: the folders must exist first.
    foreach ($dir in $variables.Values) { $null = New-Item -ItemType Directory -Force $dir }
    $scriptPath = Join-Path $Sandbox "script-$([guid]::NewGuid().ToString('n')).ps1"
    Set-Content -LiteralPath $scriptPath -Value $Script
    $exe = [Environment]::ProcessPath
    $psi = [System.Diagnostics.ProcessStartInfo]::new($exe)
    # Under `dotnet pwsh` the process is dotnet itself: run this PowerShell's pwsh.dll with it.
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $psi.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
    foreach ($a in @('-NoProfile', '-NonInteractive', '-File', $scriptPath) + $Arguments) { $psi.ArgumentList.Add([string]$a) }
    $psi.WorkingDirectory = $Sandbox
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.UseShellExecute = $false
    $null = $psi.Environment.Remove('PSModulePath')
    foreach ($k in $variables.Keys) { $psi.Environment[$k] = $variables[$k] }
    foreach ($k in $Environment.Keys) { $psi.Environment[$k] = [string]$Environment[$k] }
    $process = [System.Diagnostics.Process]::Start($psi)
    $stderr = $process.StandardError.ReadToEndAsync()
    $stdout = $process.StandardOutput.ReadToEndAsync()
    if (-not $process.WaitForExit($TimeoutSec * 1000)) {
        $process.Kill($true)
        throw "The child pwsh running $scriptPath did not finish within $TimeoutSec s."
    }
    $process.WaitForExit()
    [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $stdout.Result; Error = $stderr.Result }
}

# Publishes a built module folder to a local file repository as <RepositoryPath>/VcfTasks.<version>.nupkg, with
# $IncludeFile (the licence and readme) added beside the manifest. Fails, and leaves the repository as it was,
# when the folder lacks a file its manifest lists or the repository already holds that version. Returns the
# nupkg, and the folder it was packed from (for the offline zip) as StagePath under $WorkPath.
function Publish-VcfPackage {
    param(
        [Parameter(Mandatory)] [string] $ModulePath,
        [Parameter(Mandatory)] [string] $RepositoryPath,
        [Parameter(Mandatory)] [string] $WorkPath,
        [string[]] $IncludeFile = @()
    )
    $manifest = Import-PowerShellDataFile -LiteralPath (Join-Path $ModulePath "$script:ModuleName.psd1")
    $version = [string]$manifest.ModuleVersion
    # Publish-PSResource would replace the file without a word: a published version must never change.
    Assert-VcfVersionNotPublished -RepositoryPath $RepositoryPath -Version $version
    # The package is packed from a copy: the built module plus the licence and readme, nothing else.
    $stage = Join-Path $WorkPath "stage/$script:ModuleName"
    if (Test-Path -LiteralPath $stage) { Remove-Item -Recurse -Force -LiteralPath $stage }
    $null = New-Item -ItemType Directory -Force $stage
    Copy-Item -Path (Join-Path $ModulePath '*') -Destination $stage -Recurse
    foreach ($file in $IncludeFile) { Copy-Item -LiteralPath $file -Destination $stage }
    $problems = @(Test-VcfPackageContent -Path $stage)
    if ($problems) {
        throw "The $script:ModuleName $version package is incomplete, nothing was published: $($problems -join '; ')."
    }
    $null = New-Item -ItemType Directory -Force $RepositoryPath
    $repository = (Resolve-Path -LiteralPath $RepositoryPath).Path
    $publish = @'
param($Repository, $Stage)
$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name VcfTasksTarget -Uri $Repository -Trusted
Publish-PSResource -Path $Stage -Repository VcfTasksTarget
'@
    $run = Invoke-VcfSandboxedPwsh -Sandbox (Join-Path $WorkPath 'sandbox') -Script $publish -Arguments $repository, $stage
    $nupkg = Find-VcfPackageFile -RepositoryPath $repository -Version $version
    if ($run.ExitCode -ne 0 -or -not $nupkg) {
        throw "Publish-PSResource did not publish $script:ModuleName $version to $RepositoryPath (exit code $($run.ExitCode)): $($run.Error.Trim())"
    }
    [pscustomobject]@{ Version = $version; Path = $nupkg.FullName; StagePath = $stage }
}

Export-ModuleMember -Function Get-VcfChangelogEntry, Assert-VcfChangelogVersion, Test-VcfPackageContent, Find-VcfPackageFile, Assert-VcfVersionNotPublished,
    Invoke-VcfSandboxedPwsh, Publish-VcfPackage
