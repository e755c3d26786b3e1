# Help from docs/: platyPS's New-ExternalHelp when platyPS is installed, tools/ConvertTo-MamlHelp.ps1 (the same
# platyPS markdown schema, read with Markdig) otherwise. build.ps1 makes the module's help with it, and the help
# tests make it again the same way to check the build's copy byte for byte.
Set-StrictMode -Version Latest

function Get-VcfHelpMaker {
    <#
    .SYNOPSIS
        Which tool makes the help on this machine: the newest installed platyPS, or the converter.
    #>
    [CmdletBinding()]
    param()
    $platyPS = Get-Module -ListAvailable -Name platyPS | Sort-Object Version -Descending | Select-Object -First 1
    if ($platyPS) {
        return [pscustomobject]@{ Name = "platyPS $($platyPS.Version)"; ModulePath = $platyPS.Path }
    }
    [pscustomobject]@{ Name = 'tools/ConvertTo-MamlHelp.ps1'; ModulePath = $null }
}

function New-VcfHelp {
    <#
    .SYNOPSIS
        Makes MAML help and about_ topics from -DocsPath into -OutputPath and returns the name of the tool that
        made them.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)] [string] $DocsPath,
        [Parameter(Mandatory)] [string] $OutputPath
    )
    $maker = Get-VcfHelpMaker
    if ($maker.ModulePath) {
        # Imported into this module's scope only, so the caller's session gets no platyPS commands from it.
        Import-Module $maker.ModulePath -Scope Local -ErrorAction Stop
        $null = New-Item -ItemType Directory -Force -Path $OutputPath
        $null = New-ExternalHelp -Path $DocsPath -OutputPath $OutputPath -Force -ErrorAction Stop
    } else {
        & (Join-Path $PSScriptRoot 'ConvertTo-MamlHelp.ps1') -DocsPath $DocsPath -OutputPath $OutputPath
    }
    $maker.Name
}

Export-ModuleMember -Function Get-VcfHelpMaker, New-VcfHelp
