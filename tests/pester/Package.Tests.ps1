# The package: what build.ps1 -Task Package publishes holds what the module needs and nothing else; it installs
# with PSResourceGet from a local repository as users install it, imports by name with its help, runs the headline
# pipeline against the simulator, updates and uninstalls; bad input (a version already published, a file the
# manifest lists but the package lacks, a changelog that disagrees with the version) fails with a clear message.
# Every PSResourceGet call runs in a child pwsh whose HOME and XDG_* folders are a temporary sandbox (see
# tools/VcfPackaging.psm1), and the last test checks the user's own registrations and module folders are as they were.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $env:VCFTASKS_REPO 'tools/VcfPackaging.psm1') -Force
    $script:ModuleDir = Split-Path $env:VCFTASKS_MODULE
    $script:Version = [string](Import-PowerShellDataFile $env:VCFTASKS_MODULE).ModuleVersion
    $script:Extra = @('LICENSE', 'README.md' | ForEach-Object { Join-Path $env:VCFTASKS_REPO $_ })
    $script:Temp = Join-Path ([IO.Path]::GetTempPath()) "vcftasks-package-$([guid]::NewGuid().ToString('n'))"
    $null = New-Item -ItemType Directory $script:Temp

    # The user's PSResourceGet registrations and every VcfTasks on the real module path, before the tests.
    function script:Get-UserResourceState {
        $appData = [Environment]::GetFolderPath('LocalApplicationData', 'DoNotVerify')
        $settings = Join-Path $appData 'PSResourceGet/PSResourceRepository.xml'
        $hash = if (Test-Path $settings) { (Get-FileHash $settings).Hash } else { 'absent' }
        $userModules = Join-Path $appData 'powershell/Modules'
        $installed = foreach ($dir in @($env:PSModulePath -split [IO.Path]::PathSeparator) + $userModules) {
            if ($dir -and (Test-Path (Join-Path $dir 'VcfTasks'))) { Get-ChildItem -Recurse -Name (Join-Path $dir 'VcfTasks') | ForEach-Object { "$dir/VcfTasks/$_" } }
        }
        "settings $hash; installed: $(@($installed) -join ', ')"
    }
    $script:UserStateBefore = Get-UserResourceState

    # A copy of the built module folder, changed by $Edit (a scriptblock given the copy's path).
    function script:New-ModuleCopy {
        param([string] $Name, [scriptblock] $Edit = {})
        $copy = Join-Path $script:Temp "$Name/VcfTasks"
        $null = New-Item -ItemType Directory -Force $copy
        Copy-Item -Path (Join-Path $script:ModuleDir '*') -Destination $copy -Recurse
        & $Edit $copy
        $copy
    }

    function script:Set-ManifestText {
        param([string] $ModulePath, [string] $Pattern, [string] $Replacement)
        $psd1 = Join-Path $ModulePath 'VcfTasks.psd1'
        (Get-Content -Raw $psd1) -replace $Pattern, $Replacement | Set-Content -NoNewline $psd1
    }

    # Runs $Script in a fresh pwsh in $Sandbox; the script's first parameter is the file it writes its result to
    # (as JSON). Throws with the child's output when it fails.
    function script:Invoke-Child {
        param([string] $Sandbox, [string] $Script, [string[]] $Arguments = @(), [hashtable] $Environment = @{})
        $result = Join-Path $script:Temp "result-$([guid]::NewGuid().ToString('n')).json"
        $run = Invoke-VcfSandboxedPwsh -Sandbox $Sandbox -Script $Script -Arguments (@($result) + $Arguments) -Environment $Environment
        if ($run.ExitCode -ne 0 -or -not (Test-Path $result)) { throw "The child pwsh failed (exit code $($run.ExitCode)): $($run.Error) $($run.Output)" }
        Get-Content -Raw $result | ConvertFrom-Json
    }
    # Runs a copy of build.ps1 in $Tree in a fresh pwsh and gives the message it failed with ('no error' if none).
    function script:Invoke-BuildScript {
        param([string] $Tree, [string] $Task, [string] $RepositoryPath = '')
        Invoke-Child -Sandbox (Join-Path $Tree 'sandbox') -Arguments (Join-Path $Tree 'build.ps1'), $Task, $RepositoryPath -Script @'
param($ResultPath, $Build, $Task, $RepositoryPath)
$options = @{ Task = $Task }
if ($RepositoryPath) { $options.RepositoryPath = $RepositoryPath }
$message = try { & $Build @options; 'no error' } catch { $_.Exception.Message }
ConvertTo-Json -InputObject $message | Set-Content $ResultPath
'@
    }
}
AfterAll {
    if ($script:Temp -and (Test-Path $script:Temp)) { Remove-Item -Recurse -Force $script:Temp }
}

Describe 'The package' {
    BeforeAll {
        $script:Package = Publish-VcfPackage -ModulePath $ModuleDir -RepositoryPath (Join-Path $Temp 'contents-repo') -WorkPath (Join-Path $Temp 'contents-work') -IncludeFile $Extra
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($Package.Path)
        try {
            $script:Entries = @($zip.Entries | ForEach-Object FullName)
            $reader = [IO.StreamReader]::new(($zip.Entries | Where-Object FullName -eq 'VcfTasks.nuspec').Open())
            $script:Nuspec = ([xml]$reader.ReadToEnd()).package.metadata
            $reader.Dispose()
        } finally { $zip.Dispose() }
    }

    It 'is published by Publish-PSResource as VcfTasks.<version>.nupkg in the local repository' {
        Split-Path -Leaf $Package.Path | Should -Be "VcfTasks.$Version.nupkg"
        $Nuspec.id | Should -Be 'VcfTasks'
        $Nuspec.version | Should -Be $Version
    }

    It 'holds exactly the built module, LICENSE and README.md: no tests, no simulator, no second System.Text.Json' {
        $nugetParts = '^(_rels/|package/|\[Content_Types\]\.xml$|VcfTasks\.nuspec$)'
        $files = @($Entries | Where-Object { $_ -notmatch $nugetParts } | Sort-Object)
        $expected = @(@(Get-ChildItem -Recurse -File $ModuleDir | ForEach-Object { [IO.Path]::GetRelativePath($ModuleDir, $_.FullName) -replace '\\', '/' }) + 'LICENSE', 'README.md' | Sort-Object)
        $files | Should -Be $expected
        $files | Where-Object { $_ -match 'Tests|Simulator|pester|fixture|System\.Text\.Json|\.pdb$' } | Should -BeNullOrEmpty
    }

    It 'carries the manifest''s metadata: release notes from CHANGELOG.md''s newest entry, tags, no invented URLs' {
        $entry = Get-VcfChangelogEntry -Path (Join-Path $env:VCFTASKS_REPO 'CHANGELOG.md')
        ($Nuspec.releaseNotes -replace '\r', '') | Should -Be $entry.Notes
        $Nuspec.tags -split ' ' | Should -Contain 'SDDCManager'
        $Nuspec.tags -split ' ' | Should -Contain 'VMware'
        $Nuspec.copyright | Should -Match 'the VcfTasks authors'
        @($Nuspec.ChildNodes.LocalName) | Should -Not -Contain 'projectUrl'
        @($Nuspec.ChildNodes.LocalName) | Should -Not -Contain 'licenseUrl'
    }

    It 'the offline zip route: the packed folder imports by path and exports the eleven cmdlets' {
        $cmdlets = Invoke-Child -Sandbox (Join-Path $Temp 'zip-sandbox') -Arguments (Join-Path $Package.StagePath 'VcfTasks.psd1') -Script @'
param($ResultPath, $Manifest)
$ErrorActionPreference = 'Stop'
Import-Module $Manifest
@((Get-Module VcfTasks).ExportedCmdlets.Keys | Sort-Object) | ConvertTo-Json | Set-Content $ResultPath
'@
        $cmdlets | Should -Be @('Connect-VcfSddcManager', 'Disconnect-VcfSddcManager', 'Get-VcfCredentialTask', 'Get-VcfSddcManagerConnection', 'Get-VcfTask', 'Get-VcfTasksConfiguration', 'Invoke-VcfTaskRetry', 'Set-VcfTasksConfiguration', 'Stop-VcfTask', 'Wait-VcfTask', 'Watch-VcfTask')
    }
}

Describe 'Bad input: the package is refused and nothing is overwritten' {
    It 'a module folder without <Missing> (the manifest''s <Key>) fails with a message naming it, and publishes nothing' -TestCases @(
        @{ Key = 'FormatsToProcess'; Missing = 'VcfTasks.Format.ps1xml'; Edit = { param($p) Remove-Item (Join-Path $p 'VcfTasks.Format.ps1xml') } }
        @{ Key = 'RequiredAssemblies'; Missing = 'VcfTasks.Core.dll'; Edit = { param($p) Remove-Item (Join-Path $p 'VcfTasks.Core.dll') } }
        @{ Key = 'RootModule'; Missing = 'VcfTasks.dll'; Edit = { param($p) Remove-Item (Join-Path $p 'VcfTasks.dll') } }
        @{ Key = 'FileList'; Missing = 'extra.txt'; Edit = { param($p) Set-ManifestText $p "FormatsToProcess" "FileList = @('extra.txt')`n    FormatsToProcess" } }
        @{ Key = 'help'; Missing = 'VcfTasks.dll-Help.xml'; Edit = { param($p) Get-ChildItem $p -Recurse -Filter '*-Help.xml' | Remove-Item } }
    ) {
        param($Key, $Missing, $Edit)
        $copy = New-ModuleCopy -Name "missing-$Key" -Edit $Edit
        $repo = Join-Path $Temp "missing-$Key-repo"
        $err = $null
        try { $null = Publish-VcfPackage -ModulePath $copy -RepositoryPath $repo -WorkPath (Join-Path $Temp "missing-$Key-work") -IncludeFile $Extra } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.Exception.Message | Should -BeLike "*package is incomplete, nothing was published*"
        $err.Exception.Message | Should -BeLike "*$Missing*"
        if ($Key -ne 'help') { $err.Exception.Message | Should -BeLike "*$Key lists '$Missing'*" }
        @(Get-ChildItem $repo -Filter *.nupkg -ErrorAction SilentlyContinue) | Should -BeNullOrEmpty
    }

    It 'a version the repository already holds is refused with a clear message; the published package is unchanged' {
        $repo = Join-Path $Temp 'twice-repo'
        $first = Publish-VcfPackage -ModulePath $ModuleDir -RepositoryPath $repo -WorkPath (Join-Path $Temp 'twice-work1') -IncludeFile $Extra
        $hash = (Get-FileHash $first.Path).Hash
        $changed = New-ModuleCopy -Name 'twice-changed' -Edit { param($p) Set-ManifestText $p "Description\s*=\s*'[^']*'" "Description = 'changed'" }
        { Publish-VcfPackage -ModulePath $changed -RepositoryPath $repo -WorkPath (Join-Path $Temp 'twice-work2') -IncludeFile $Extra } |
            Should -Throw "VcfTasks $Version is already in the repository $repo (VcfTasks.$Version.nupkg); a published version is never overwritten*"
        (Get-FileHash $first.Path).Hash | Should -Be $hash
        @(Get-ChildItem $repo).Name | Should -Be @("VcfTasks.$Version.nupkg")
    }

    It 'build.ps1 -Task Package refuses a version already in -RepositoryPath before building anything' {
        # A copy of the build script and what it reads first; an existing package in the target repository.
        $tree = Join-Path $Temp 'build-tree'
        $null = New-Item -ItemType Directory -Force (Join-Path $tree 'tools'), (Join-Path $tree 'repo')
        Copy-Item (Join-Path $env:VCFTASKS_REPO 'build.ps1'), (Join-Path $env:VCFTASKS_REPO 'Directory.Build.props'), (Join-Path $env:VCFTASKS_REPO 'CHANGELOG.md') $tree
        Copy-Item (Join-Path $env:VCFTASKS_REPO 'tools/VcfPackaging.psm1') (Join-Path $tree 'tools')
        $existing = Join-Path $tree "repo/VcfTasks.$Version.nupkg"
        Set-Content $existing 'the package published earlier'
        $message = Invoke-BuildScript -Tree $tree -Task Package -RepositoryPath "$tree/repo"
        $message | Should -BeLike "VcfTasks $Version is already in the repository $tree/repo (VcfTasks.$Version.nupkg); a published version is never overwritten*"
        Get-Content $existing | Should -Be 'the package published earlier'
        Test-Path (Join-Path $tree 'out') | Should -BeFalse
    }
}

Describe 'CHANGELOG.md and the one version source' {
    It 'the newest entry of CHANGELOG.md is the version of Directory.Build.props, which the built manifest carries' {
        $props = [xml](Get-Content -Raw (Join-Path $env:VCFTASKS_REPO 'Directory.Build.props'))
        $propsVersion = @($props.Project.PropertyGroup.VcfTasksVersion | Where-Object { $_ })[0]
        (Get-VcfChangelogEntry -Path (Join-Path $env:VCFTASKS_REPO 'CHANGELOG.md')).Version | Should -Be $propsVersion
        $Version | Should -Be $propsVersion
    }

    It 'build.ps1 fails with a message naming both versions when the newest entry is another version, before building' {
        $tree = Join-Path $Temp 'changelog-tree'
        $null = New-Item -ItemType Directory -Force (Join-Path $tree 'tools')
        Copy-Item (Join-Path $env:VCFTASKS_REPO 'build.ps1'), (Join-Path $env:VCFTASKS_REPO 'Directory.Build.props') $tree
        Copy-Item (Join-Path $env:VCFTASKS_REPO 'tools/VcfPackaging.psm1') (Join-Path $tree 'tools')
        Set-Content (Join-Path $tree 'CHANGELOG.md') "# Changelog`n`n## 0.0.9 - 2026-01-01`n`nOlder.`n"
        $message = Invoke-BuildScript -Tree $tree -Task Build
        $message | Should -BeLike "CHANGELOG.md's newest entry is 0.0.9 but Directory.Build.props says VcfTasksVersion $($Version): add a '## $Version - <yyyy-mm-dd>' entry*"
        Test-Path (Join-Path $tree 'out') | Should -BeFalse
    }

    It 'a changelog without a versioned entry heading is refused, naming the heading it found' {
        $path = Join-Path $Temp 'bad-heading.md'
        Set-Content $path "# Changelog`n`n## Unreleased`n`nSomething.`n"
        { Get-VcfChangelogEntry -Path $path } | Should -Throw "*must start with '## <version> - <yyyy-mm-dd>' (found '## Unreleased')*"
    }
}

Describe 'Installed as users install it: Install-PSResource, Import-Module by name, Update-PSResource, Uninstall-PSResource' {
    BeforeAll {
        Import-Module (Join-Path $env:VCFTASKS_REPO 'tools/VcfSimulator.psm1') -Force
        $script:sim = Start-VcfSimulator -Tasks 30 -Seed 7 -StepMs 50 -RetryFailurePercent 0
        $script:Repo = Join-Path $Temp 'install-repo'
        $null = Publish-VcfPackage -ModulePath $ModuleDir -RepositoryPath $Repo -WorkPath (Join-Path $Temp 'install-work') -IncludeFile $Extra
        # The sandbox's HOME: PSResourceGet's CurrentUser scope installs into its .local/share/powershell/Modules.
        $script:Sandbox = Join-Path $Temp 'install-sandbox'
        $script:Modules = Join-Path $Sandbox 'home/.local/share/powershell/Modules'
        # A fresh pwsh whose PSModulePath is the sandbox's module folder alone (pwsh adds its own $PSHOME/Modules).
        $script:OnlyInstalled = @{ PSModulePath = $Modules }
    }
    AfterAll { if ($script:sim) { Stop-VcfSimulator $script:sim } }

    It 'Install-PSResource installs it from a registered local repository into the temporary CurrentUser module folder' {
        $installed = Invoke-Child -Sandbox $Sandbox -Arguments $Repo -Script @'
param($ResultPath, $Repo)
$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name VcfTasksTest -Uri $Repo -Trusted
Install-PSResource -Name VcfTasks -Repository VcfTasksTest -Scope CurrentUser
ConvertTo-Json -AsArray -InputObject @(Get-InstalledPSResource -Name VcfTasks | Select-Object Name, @{ n = 'Version'; e = { "$($_.Version)" } }, InstalledLocation) | Set-Content $ResultPath
'@
        @($installed).Count | Should -Be 1
        $installed[0].Version | Should -Be $Version
        $installed[0].InstalledLocation | Should -Be $Modules
        Test-Path (Join-Path $Modules "VcfTasks/$Version/VcfTasks.psd1") | Should -BeTrue
    }

    It 'a fresh pwsh whose PSModulePath holds only that folder imports it by name, with its full help' {
        $expected = Get-Help Get-VcfTask   # the built module's help, loaded in this process by Common.ps1
        $child = Invoke-Child -Sandbox $Sandbox -Environment $OnlyInstalled -Script @'
param($ResultPath)
$ErrorActionPreference = 'Stop'
Import-Module VcfTasks
$help = Get-Help Get-VcfTask -Full
[pscustomobject]@{
    ModuleBase   = (Get-Module VcfTasks).ModuleBase
    Available    = @(Get-Module -ListAvailable VcfTasks | ForEach-Object ModuleBase)
    Synopsis     = "$($help.Synopsis)".Trim()
    Description  = ($help.description | ForEach-Object Text) -join "`n"
    Examples     = @($help.examples.example).Count
    Parameters   = @($help.parameters.parameter).Count
} | ConvertTo-Json | Set-Content $ResultPath
'@
        $child.ModuleBase | Should -Be (Join-Path $Modules "VcfTasks/$Version")
        @($child.Available) | Should -Be @((Join-Path $Modules "VcfTasks/$Version"))
        # The generated stub has the syntax as its synopsis, no description and no examples.
        $child.Synopsis | Should -Be "$($expected.Synopsis)".Trim()
        $child.Synopsis | Should -Not -BeLike 'Get-VcfTask *'
        $child.Description | Should -Not -BeNullOrEmpty
        $child.Examples | Should -Be @($expected.examples.example).Count
        $child.Examples | Should -BeGreaterThan 0
        $child.Parameters | Should -BeGreaterThan 5
    }

    It 'the headline pipeline runs from the installed module against the simulator: one PATCH per failed retryable task' {
        $c = Connect-Sim
        $failed = @(Get-VcfTask -Server $c -Status Failed | Where-Object IsRetryable)
        # Credentials tasks go through the credentials API; a password UPDATE needs passwords: its own error, no PATCH.
        $updates = @($failed | Where-Object IsCredentialsTask | Get-VcfCredentialTask -Server $c | Where-Object OperationType -eq 'UPDATE' | ForEach-Object Id)
        $retryable = @($failed | Where-Object Id -notin $updates | ForEach-Object Id | Sort-Object)
        $retryable.Count | Should -BeGreaterThan 0
        Clear-SimLog
        $environment = $OnlyInstalled + @{ VCFTASKS_TEST_PASSWORD = $sim.Password }
        $child = Invoke-Child -Sandbox $Sandbox -Environment $environment -Arguments $sim.Url, $sim.Username, $sim.Thumbprint -Script @'
param($ResultPath, $Url, $User, $Thumbprint)
$ErrorActionPreference = 'Stop'
Import-Module VcfTasks
$cred = [pscredential]::new($User, (ConvertTo-SecureString $env:VCFTASKS_TEST_PASSWORD -AsPlainText -Force))
$null = Connect-VcfSddcManager -Server $Url -Credential $cred -CertificateThumbprint $Thumbprint
$done = @(Get-VcfTask -Status Failed | Where-Object IsRetryable | Invoke-VcfTaskRetry -Wait -TimeoutSec 120 -ErrorAction SilentlyContinue -ErrorVariable failures)
[pscustomobject]@{
    ModuleBase = (Get-Command Get-VcfTask).Module.ModuleBase
    Tasks      = @($done | ForEach-Object { [pscustomobject]@{ Id = $_.Id; Status = "$($_.Status)" } })
    Errors     = @($failures | ForEach-Object FullyQualifiedErrorId)
} | ConvertTo-Json -Depth 4 | Set-Content $ResultPath
'@
        $child.ModuleBase | Should -Be (Join-Path $Modules "VcfTasks/$Version")
        @($child.Errors) | Should -Be @($updates | ForEach-Object { 'VcfCredentialsSpecRequired,VcfTasks.Commands.InvokeVcfTaskRetryCommand' })
        @($child.Tasks.Id | Sort-Object) | Should -Be $retryable
        @($child.Tasks.Status | Sort-Object -Unique) | Should -Be @('Successful')
        $patches = @(Get-SimLog | Where-Object method -eq 'PATCH' | ForEach-Object { "$($_.method) $($_.path)" } | Sort-Object)
        $patches | Should -Be @($failed | Where-Object Id -in $retryable |
            ForEach-Object { if ($_.IsCredentialsTask) { "PATCH /v1/credentials/tasks/$($_.Id)" } else { "PATCH /v1/tasks/$($_.Id)" } } | Sort-Object)
    }

    It 'Update-PSResource installs a higher version published later, and Import-Module VcfTasks then loads it' {
        $current = [version]$Version
        $script:Next = '{0}.{1}.{2}' -f $current.Major, $current.Minor, ($current.Build + 1)
        $copy = New-ModuleCopy -Name 'next' -Edit { param($p) Set-ManifestText $p "ModuleVersion\s*=\s*'[^']*'" "ModuleVersion = '$script:Next'" }
        $null = Publish-VcfPackage -ModulePath $copy -RepositoryPath $Repo -WorkPath (Join-Path $Temp 'next-work') -IncludeFile $Extra
        $installed = Invoke-Child -Sandbox $Sandbox -Script @'
param($ResultPath)
$ErrorActionPreference = 'Stop'
Update-PSResource -Name VcfTasks -Repository VcfTasksTest
ConvertTo-Json -AsArray -InputObject @(Get-InstalledPSResource -Name VcfTasks | ForEach-Object { "$($_.Version)" } | Sort-Object) | Set-Content $ResultPath
'@
        @($installed) | Should -Be @($Version, $Next)
        $loaded = Invoke-Child -Sandbox $Sandbox -Environment $OnlyInstalled -Script @'
param($ResultPath)
$ErrorActionPreference = 'Stop'
Import-Module VcfTasks
"$((Get-Module VcfTasks).Version)" | ConvertTo-Json | Set-Content $ResultPath
'@
        $loaded | Should -Be $Next
    }

    It 'Uninstall-PSResource removes every installed version, and the test repository is unregistered' {
        $after = Invoke-Child -Sandbox $Sandbox -Script @'
param($ResultPath)
$ErrorActionPreference = 'Stop'
Uninstall-PSResource -Name VcfTasks -Version '*' -Scope CurrentUser
Unregister-PSResourceRepository -Name VcfTasksTest
[pscustomobject]@{
    Installed    = @(Get-InstalledPSResource -Name VcfTasks -ErrorAction SilentlyContinue | ForEach-Object { "$($_.Version)" })
    Repositories = @(Get-PSResourceRepository | ForEach-Object Name)
} | ConvertTo-Json | Set-Content $ResultPath
'@
        @($after.Installed) | Should -BeNullOrEmpty
        @($after.Repositories) | Should -Not -Contain 'VcfTasksTest'
        @(Get-ChildItem (Join-Path $Modules 'VcfTasks') -ErrorAction SilentlyContinue) | Should -BeNullOrEmpty
        $available = Invoke-Child -Sandbox $Sandbox -Environment $OnlyInstalled -Script @'
param($ResultPath)
# An empty array written through the pipeline would write no file at all: -InputObject writes "[]".
ConvertTo-Json -AsArray -InputObject @(Get-Module -ListAvailable VcfTasks | ForEach-Object ModuleBase) | Set-Content $ResultPath
'@
        @($available) | Should -BeNullOrEmpty
    }
}

Describe 'Assemblies: PowerShell''s own copies, never a second one' {
    It 'the module folder ships no assembly that PowerShell already has (System.Text.Json and its support assemblies)' {
        $platform = @(([string][AppContext]::GetData('TRUSTED_PLATFORM_ASSEMBLIES')) -split [IO.Path]::PathSeparator |
                ForEach-Object { [IO.Path]::GetFileNameWithoutExtension($_) })
        $platform | Should -Contain 'System.Text.Json'
        $shipped = @(Get-ChildItem $ModuleDir -Recurse -Filter *.dll | ForEach-Object BaseName)
        $shipped | Where-Object { $_ -in $platform } | Should -BeNullOrEmpty
        $shipped | Sort-Object | Should -Be @('VcfTasks', 'VcfTasks.Core')
    }

    It 'importing the module and reading tasks in a fresh pwsh loads no assembly name twice and only its own two from its folder' {
        $child = Invoke-Child -Sandbox (Join-Path $Temp 'assemblies-sandbox') -Arguments $env:VCFTASKS_MODULE, (Join-Path $env:VCFTASKS_FIXTURES 'seed.fixture.json') -Script @'
param($ResultPath, $Manifest, $Fixture)
$ErrorActionPreference = 'Stop'
function Get-Loaded {
    foreach ($context in [System.Runtime.Loader.AssemblyLoadContext]::All) {
        foreach ($a in $context.Assemblies) { [pscustomobject]@{ Name = $a.GetName().Name; Context = "$($context.Name)"; Location = $a.Location } }
    }
}
$before = @(Get-Loaded)
Import-Module $Manifest
$null = Connect-VcfSddcManager -Server sfo-vcf01.rainpole.io -FixturePath $Fixture
$tasks = @(Get-VcfTask)   # parses the JSON: System.Text.Json and what it needs are loaded by now
$after = @(Get-Loaded)
[pscustomobject]@{ Tasks = $tasks.Count; Before = $before; After = $after } | ConvertTo-Json -Depth 3 | Set-Content $ResultPath
'@
        $child.Tasks | Should -BeGreaterThan 0
        $moduleDir = Split-Path $env:VCFTASKS_MODULE
        $twice = @($child.After | Group-Object Name | Where-Object Count -gt 1 | ForEach-Object { "$($_.Name) in $(@($_.Group | ForEach-Object { "$($_.Context):$($_.Location)" }) -join ', ')" })
        $twice | Should -BeNullOrEmpty
        @($child.After | Where-Object { $_.Location -and $_.Location.StartsWith($moduleDir) } | ForEach-Object Name | Sort-Object) | Should -Be @('VcfTasks', 'VcfTasks.Core')
        $json = @($child.After | Where-Object Name -eq 'System.Text.Json')
        $json.Count | Should -Be 1
        Split-Path $json[0].Location | Should -Be ([IO.Path]::GetDirectoryName([object].Assembly.Location))
    }
}

Describe 'Nothing outside the temporary folders' {
    It 'the user''s PSResourceGet registrations and module folders are as they were before these tests' {
        Get-UserResourceState | Should -Be $UserStateBefore
    }
}
