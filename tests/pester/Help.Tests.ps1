# Help: every exported cmdlet has written help (not the auto-generated stub) that agrees with the cmdlet's real
# parameter metadata, every doc belongs to a cmdlet, the about topic loads, and the converter is strict and
# deterministic.
BeforeDiscovery {
    # Discovery runs before BeforeAll, so it loads the module itself to name one test per cmdlet and parameter.
    Import-Module $env:VCFTASKS_MODULE -Force
    $common = [System.Management.Automation.PSCmdlet]::CommonParameters
    $cmdlets = @((Get-Module VcfTasks).ExportedCmdlets.Keys | Sort-Object)
    $cmdletCases = @($cmdlets | ForEach-Object { @{ Name = $_ } })
    $parameterCases = foreach ($c in $cmdlets) {
        foreach ($p in ((Get-Command $c).Parameters.Keys | Where-Object { $_ -notin $common } | Sort-Object)) {
            @{ Cmdlet = $c; Parameter = $p }
        }
    }
    $setCases = foreach ($c in $cmdlets) {
        foreach ($s in (Get-Command $c).ParameterSets) { @{ Cmdlet = $c; Set = $s.Name } }
    }
    $docsPath = Join-Path $env:VCFTASKS_REPO 'docs'
    $docCases = @(Get-ChildItem $docsPath -Filter *.md | Where-Object Name -notlike 'about_*' |
            ForEach-Object { @{ Doc = $_.Name; Name = $_.BaseName } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'FreshPwsh.ps1')
    $script:Common = [System.Management.Automation.PSCmdlet]::CommonParameters
    $script:Docs = Join-Path $env:VCFTASKS_REPO 'docs'
    $script:Converter = Join-Path $env:VCFTASKS_REPO 'tools/ConvertTo-MamlHelp.ps1'

    # The help's spelling of a parameter's metadata in one set, from the real ParameterMetadata.
    function script:Get-ExpectedHelp {
        param([System.Management.Automation.CommandParameterInfo] $Parameter)
        $pipe = @()
        if ($Parameter.ValueFromPipelineByPropertyName) { $pipe += 'ByPropertyName' }
        if ($Parameter.ValueFromPipeline) { $pipe += 'ByValue' }
        [pscustomobject]@{
            Required      = $Parameter.IsMandatory.ToString().ToLowerInvariant()
            Position      = if ($Parameter.Position -eq [int]::MinValue) { 'named' } else { [string]$Parameter.Position }
            PipelineInput = if ($pipe) { "True ($($pipe -join ', '))" } else { 'False' }
        }
    }

    function script:Get-ActualHelp {
        param($HelpParameter)
        [pscustomobject]@{
            Required      = [string]$HelpParameter.required
            Position      = ([string]$HelpParameter.position).ToLowerInvariant()
            PipelineInput = ([string]$HelpParameter.pipelineInput) -replace '\s+', ' '
        }
    }

    # The syntax item of a set: the one whose parameters are exactly the set's (without common parameters).
    function script:Find-SyntaxItem {
        param([string] $Cmdlet, [System.Management.Automation.CommandParameterSetInfo] $Set)
        $want = @($Set.Parameters.Name | Where-Object { $_ -notin $script:Common } | Sort-Object) -join ','
        @((Get-Help $Cmdlet).syntax.syntaxItem | Where-Object { (@($_.parameter.name | Sort-Object) -join ',') -eq $want })
    }

    function script:New-DocCopy {
        # A scratch docs folder holding one doc, optionally edited, for converter tests.
        param([string] $Name = 'Get-VcfTask', [scriptblock] $Edit = { param($t) $t })
        $dir = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory $dir
        $text = Get-Content -Raw (Join-Path $script:Docs "$Name.md")
        Set-Content -NoNewline -Path (Join-Path $dir "$Name.md") -Value (& $Edit $text)
        $dir
    }
}

Describe 'Help of <Name>' -ForEach $cmdletCases {
    BeforeAll {
        $help = Get-Help $Name -Full
    }

    It 'has a written synopsis, not the auto-generated one' {
        $synopsis = ([string]$help.Synopsis).Trim()
        $synopsis | Should -Not -BeNullOrEmpty
        # Without MAML, Get-Help's synopsis is the syntax line, which starts with the command name.
        $synopsis | Should -Not -BeLike "$Name *"
        $synopsis | Should -Not -Match '\[<CommonParameters>\]'
    }

    It 'has a description' {
        ($help.description.Text -join ' ').Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has at least one example with code and remarks' {
        @($help.examples.example).Count | Should -BeGreaterThan 0
        foreach ($e in $help.examples.example) {
            ([string]$e.code).Trim() | Should -Not -BeNullOrEmpty
            ($e.remarks.Text -join '').Trim() | Should -Not -BeNullOrEmpty -Because "example '$($e.title)' should say what it does"
        }
    }

    It 'has one syntax item per parameter set' {
        @($help.syntax.syntaxItem).Count | Should -Be @((Get-Command $Name).ParameterSets).Count
    }

    It 'documents no parameter the cmdlet does not have' {
        $real = @((Get-Command $Name).Parameters.Keys)
        foreach ($p in $help.parameters.parameter) { $real | Should -Contain $p.name }
    }

    It 'names its input and output types' {
        @($help.inputTypes.inputType).Count | Should -BeGreaterThan 0
        @($help.returnValues.returnValue).Count | Should -BeGreaterThan 0
        $declared = @((Get-Command $Name).OutputType.Name | Where-Object { $_ -and $_ -ne 'System.Void' })
        $documented = @($help.returnValues.returnValue.type.name)
        foreach ($t in $declared) { $documented | Should -Contain $t -Because "[OutputType] declares $t" }
    }

    It 'has a doc file in docs/' {
        Join-Path $script:Docs "$Name.md" | Should -Exist
    }
}

Describe 'Help of <Cmdlet> -<Parameter>' -ForEach $parameterCases {
    BeforeAll {
        $command = Get-Command $Cmdlet
        $helpParameter = @((Get-Help $Cmdlet -Full).parameters.parameter | Where-Object name -eq $Parameter)
        $sets = @($command.ParameterSets | ForEach-Object { $_.Parameters | Where-Object Name -eq $Parameter })
    }

    It 'is documented once, with a description' {
        $helpParameter.Count | Should -Be 1
        ($helpParameter[0].description.Text -join ' ').Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has the Required, Position and pipeline input of one of its parameter sets' {
        $actual = Get-ActualHelp $helpParameter[0]
        $expected = @($sets | ForEach-Object { Get-ExpectedHelp $_ })
        $match = $expected | Where-Object {
            $_.Required -eq $actual.Required -and $_.Position -eq $actual.Position -and $_.PipelineInput -eq $actual.PipelineInput
        }
        $match | Should -Not -BeNullOrEmpty -Because "help says $($actual | ConvertTo-Json -Compress); the cmdlet has $($expected | ConvertTo-Json -Compress)"
    }

    It 'has the aliases of the cmdlet' {
        $real = @($command.Parameters[$Parameter].Aliases | Sort-Object)
        $documented = @(([string]$helpParameter[0].aliases) -split ',\s*' | Where-Object { $_ -and $_ -ne 'none' } | Sort-Object)
        $documented -join ',' | Should -Be ($real -join ',')
    }
}

Describe 'Syntax of <Cmdlet>, parameter set <Set>' -ForEach $setCases {
    BeforeAll {
        $set = (Get-Command $Cmdlet).ParameterSets | Where-Object Name -eq $Set
        $item = Find-SyntaxItem $Cmdlet $set
    }

    It 'has a syntax item with exactly the parameters of the set' {
        $item.Count | Should -Be 1
    }

    It 'gives each parameter its Required, Position and pipeline input in this set' {
        foreach ($p in ($set.Parameters | Where-Object { $_.Name -notin $script:Common })) {
            $actual = Get-ActualHelp ($item[0].parameter | Where-Object name -eq $p.Name)
            $expected = Get-ExpectedHelp $p
            ($actual | ConvertTo-Json -Compress) | Should -Be ($expected | ConvertTo-Json -Compress) -Because "-$($p.Name) in set $Set"
        }
    }
}

Describe 'Doc <Doc>' -ForEach $docCases {
    It 'belongs to a cmdlet the module exports' {
        (Get-Module VcfTasks).ExportedCmdlets.Keys | Should -Contain $Name
    }
}

Describe 'about_VcfTasks' {
    It 'is found by Get-Help' {
        $text = Get-Help about_VcfTasks | Out-String
        $text | Should -Match 'TOPIC\s+about_VcfTasks'
        $text | Should -Match 'SHORT DESCRIPTION'
        $text | Should -Match 'LONG DESCRIPTION'
    }

    It 'documents every stable error id' {
        $text = Get-Content -Raw (Join-Path (Split-Path $env:VCFTASKS_MODULE) 'en-US/about_VcfTasks.help.txt')
        foreach ($kind in [enum]::GetNames([VcfTasks.VcfErrorKind])) {
            $text | Should -Match "\bVcf$kind\b" -Because "Vcf$kind is an error id users catch"
        }
    }

    It 'is in the built module' {
        Join-Path (Split-Path $env:VCFTASKS_MODULE) 'en-US/about_VcfTasks.help.txt' | Should -Exist
        Join-Path (Split-Path $env:VCFTASKS_MODULE) 'en-US/VcfTasks.dll-Help.xml' | Should -Exist
    }
}

Describe 'ConvertTo-MamlHelp' {
    It 'made the built module''s help from docs/ as they are now, byte for byte' {
        $out = Join-Path $TestDrive 'fresh'
        $built = Join-Path (Split-Path $env:VCFTASKS_MODULE) 'en-US'
        # Made again the way build.ps1 makes it: platyPS when it is installed here, the converter otherwise.
        Import-Module (Join-Path $env:VCFTASKS_REPO 'tools/VcfHelp.psm1') -Force
        $null = New-VcfHelp -DocsPath $script:Docs -OutputPath $out
        # The same files as built, no fewer and no more; then each byte for byte.
        @(Get-ChildItem $out | Sort-Object Name).Name | Should -Be @(Get-ChildItem $built | Sort-Object Name).Name
        @(Get-ChildItem $out).Name | Should -Contain 'VcfTasks.dll-Help.xml'
        @(Get-ChildItem $out).Name | Should -Contain 'about_VcfTasks.help.txt'
        foreach ($f in Get-ChildItem $out) {
            (Get-FileHash $f.FullName).Hash | Should -Be (Get-FileHash (Join-Path $built $f.Name)).Hash -Because "$($f.Name) must be made from doc/ by the build"
        }
    }

    It 'is made by platyPS''s New-ExternalHelp when platyPS is installed' {
        # A stand-in platyPS on the module path of a fresh pwsh records how it was called.
        $modules = Join-Path $TestDrive 'modules'
        $fake = Join-Path $modules 'platyPS/0.14.2'
        $null = New-Item -ItemType Directory -Force $fake
        $calls = Join-Path $TestDrive 'platyps-calls.txt'
        Set-Content (Join-Path $fake 'platyPS.psm1') "function New-ExternalHelp { param([string] `$Path, [string] `$OutputPath, [switch] `$Force) Add-Content '$calls' ""`$Path|`$OutputPath|`$Force""; Set-Content (Join-Path `$OutputPath 'x-Help.xml') '<helpItems/>' }"
        New-ModuleManifest (Join-Path $fake 'platyPS.psd1') -RootModule 'platyPS.psm1' -ModuleVersion '0.14.2' -FunctionsToExport 'New-ExternalHelp'
        $out = Join-Path $TestDrive 'by-platyps'
        $sep = [IO.Path]::PathSeparator
        $result = Invoke-FreshPwsh @"
`$env:PSModulePath = '$modules$sep' + `$env:PSModulePath
Import-Module '$(Join-Path $env:VCFTASKS_REPO 'tools/VcfHelp.psm1')'
New-VcfHelp -DocsPath '$($script:Docs)' -OutputPath '$out'
"@
        $result | Should -Be @('platyPS 0.14.2')
        Get-Content $calls | Should -Be @("$($script:Docs)|$out|True")
        @(Get-ChildItem $out).Name | Should -Be @('x-Help.xml')
    }

    It 'is made by tools/ConvertTo-MamlHelp.ps1 when platyPS is not installed' {
        # Only PowerShell's own modules on the path: no platyPS, whatever this machine has.
        $out = Join-Path $TestDrive 'by-converter'
        $result = Invoke-FreshPwsh @"
`$env:PSModulePath = Join-Path `$PSHOME 'Modules'
Import-Module '$(Join-Path $env:VCFTASKS_REPO 'tools/VcfHelp.psm1')'
New-VcfHelp -DocsPath '$($script:Docs)' -OutputPath '$out'
"@
        $result | Should -Be @('tools/ConvertTo-MamlHelp.ps1')
        $direct = Join-Path $TestDrive 'converter-direct'
        & $script:Converter -DocsPath $script:Docs -OutputPath $direct
        foreach ($f in Get-ChildItem $direct) {
            (Get-FileHash (Join-Path $out $f.Name)).Hash | Should -Be (Get-FileHash $f.FullName).Hash
        }
    }

    It 'is not committed: help lives only in the build output, so it cannot drift from docs/' {
        $tracked = @(git -C $env:VCFTASKS_REPO ls-files -- en-US)
        $LASTEXITCODE | Should -Be 0
        $tracked | Should -BeNullOrEmpty
    }

    It 'keeps every character of a code span and drops its backticks' {
        $dir = New-DocCopy -Edit { param($t) $t -replace '(?m)^(## SYNOPSIS\r?\n).*$', '$1Lists tasks; `-Name ''Add host*''` and `*`, `?`, `[ ]` are wildcards, **bold** and *em* are not.' }
        & $script:Converter -DocsPath $dir -OutputPath (Join-Path $dir 'out')
        $maml = [xml](Get-Content -Raw (Join-Path $dir 'out/VcfTasks.dll-Help.xml'))
        $maml.helpItems.command.details.description.para | Should -BeExactly "Lists tasks; -Name 'Add host*' and *, ?, [ ] are wildcards, bold and em are not."
    }

    It 'makes the same bytes twice' {
        $a = Join-Path $TestDrive 'a'; $b = Join-Path $TestDrive 'b'
        & $script:Converter -DocsPath $script:Docs -OutputPath $a
        & $script:Converter -DocsPath $script:Docs -OutputPath $b
        (Get-FileHash (Join-Path $a 'VcfTasks.dll-Help.xml')).Hash | Should -Be (Get-FileHash (Join-Path $b 'VcfTasks.dll-Help.xml')).Hash
        (Get-FileHash (Join-Path $a 'about_VcfTasks.help.txt')).Hash | Should -Be (Get-FileHash (Join-Path $b 'about_VcfTasks.help.txt')).Hash
    }

    It 'fails naming file and line when a required section is missing' {
        $dir = New-DocCopy -Edit { param($t) $t -replace '(?m)^## DESCRIPTION\r?\n', '' }
        { & $script:Converter -DocsPath $dir -OutputPath (Join-Path $dir 'out') } |
            Should -Throw -ExpectedMessage '*Get-VcfTask.md:*missing required section*DESCRIPTION*'
    }

    It 'fails naming file and line when a parameter of the syntax is not documented' {
        $dir = New-DocCopy -Edit { param($t) $t -replace '(?ms)^### -ResourceType\r?\n.*?(?=^### -CompletedAfter)', '' }
        { & $script:Converter -DocsPath $dir -OutputPath (Join-Path $dir 'out') } |
            Should -Throw -ExpectedMessage '*Get-VcfTask.md:*-ResourceType*'
    }

    It 'fails when a yaml block misses a key' {
        $dir = New-DocCopy -Edit { param($t) $t -replace '(?m)^Accept wildcard characters: False\r?\n(?=```\r?\n\r?\n### -Status)', '' }
        { & $script:Converter -DocsPath $dir -OutputPath (Join-Path $dir 'out') } |
            Should -Throw -ExpectedMessage "*Get-VcfTask.md:*-Id*Accept wildcard characters*"
    }

    It 'fails on a platyPS placeholder left in' {
        $dir = New-DocCopy -Edit { param($t) $t -replace '(?m)^(## SYNOPSIS\r?\n).*$', '$1{{ Fill in the Synopsis }}' }
        { & $script:Converter -DocsPath $dir -OutputPath (Join-Path $dir 'out') } |
            Should -Throw -ExpectedMessage '*Get-VcfTask.md:*placeholder*'
    }
}
