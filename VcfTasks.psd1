@{
    # ModuleVersion is stamped from Directory.Build.props by build.ps1 (the one version source).
    RootModule           = 'VcfTasks.dll'
    ModuleVersion        = '0.0.0'
    GUID                 = '5b0d7a36-8a57-4d0c-9a63-7d3f3f2b6c41'
    Author               = 'VcfTasks contributors'
    CompanyName          = 'VcfTasks'
    Copyright            = '(c) VcfTasks contributors. All rights reserved.'
    Description          = 'List, inspect, retry, cancel and wait for VMware Cloud Foundation SDDC Manager tasks.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Core', 'Desktop')
    RequiredAssemblies   = @('VcfTasks.Core.dll')
    TypesToProcess       = @('VcfTasks.Types.ps1xml')
    FormatsToProcess     = @('VcfTasks.Format.ps1xml')
    CmdletsToExport      = @(
        'Connect-VcfSddcManager'
        'Disconnect-VcfSddcManager'
        'Get-VcfTask'
        'Invoke-VcfTaskRetry'
        'Stop-VcfTask'
        'Wait-VcfTask'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('VMware', 'VCF', 'SDDCManager', 'Tasks')
            ProjectUri = ''
        }
    }
}
