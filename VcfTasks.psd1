@{
    # ModuleVersion is stamped from Directory.Build.props by build.ps1 (the one version source), and
    # ReleaseNotes from the newest entry of CHANGELOG.md, which the build checks against that version.
    RootModule           = 'VcfTasks.dll'
    ModuleVersion        = '0.0.0'
    GUID                 = '5b0d7a36-8a57-4d0c-9a63-7d3f3f2b6c41'
    Author               = 'the VcfTasks authors'
    CompanyName          = 'the VcfTasks authors'
    Copyright            = 'Copyright (c) 2026 the VcfTasks authors. MIT licence (LICENSE).'
    Description          = 'List, inspect, retry, cancel and wait for VMware Cloud Foundation SDDC Manager tasks.'
    # PowerShell 7.4 and later only: that is what the tests run. Windows PowerShell 5.1 has never been tested.
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    RequiredAssemblies   = @('VcfTasks.Core.dll')
    TypesToProcess       = @('VcfTasks.Types.ps1xml')
    FormatsToProcess     = @('VcfTasks.Format.ps1xml')
    CmdletsToExport      = @(
        'Connect-VcfSddcManager'
        'Disconnect-VcfSddcManager'
        'Get-VcfSddcManagerConnection'
        'Get-VcfCredentialTask'
        'Get-VcfTask'
        'Get-VcfTasksConfiguration'
        'Invoke-VcfTaskRetry'
        'Set-VcfTasksConfiguration'
        'Stop-VcfTask'
        'Wait-VcfTask'
        'Watch-VcfTask'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('VMware', 'VCF', 'VMwareCloudFoundation', 'SDDCManager', 'Tasks', 'REST')
            # No LicenseUri or ProjectUri: the project has no public home yet, and the package carries LICENSE.
            ReleaseNotes = ''
        }
    }
}
