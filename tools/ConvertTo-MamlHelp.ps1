#requires -Version 7.0
<#
.SYNOPSIS
    Makes MAML cmdlet help and about_ topics from platyPS-schema markdown (the project's own New-ExternalHelp).
.DESCRIPTION
    platyPS is not on NuGet, so a build machine may not have it; this script reads the same markdown schema
    (platyPS 2.0.0) and writes what Get-Help reads:

      docs/<Verb-Noun>.md   -> <OutputPath>/<external help file> (e.g. VcfTasks.dll-Help.xml), one
                               command:command per doc, docs sorted by file name
      docs/about_<X>.md     -> <OutputPath>/about_<X>.help.txt

    Adding a cmdlet's help is adding its doc file: nothing here names a cmdlet.

    The markdown is checked as it is read; anything missing or malformed throws, naming the file and line:
    front matter (external help file, Module Name, schema 2.0.0), '# Name' equal to the file name, the
    required sections, one fenced syntax block per '### SetName' under SYNTAX that names exactly the
    parameters whose yaml says they belong to that set, at least one example with code, and a complete yaml
    block for every parameter. platyPS placeholders ('{{ Fill ... }}') are refused.

    The output is deterministic: same docs, same bytes (UTF-8 without BOM, LF line ends, no timestamps).
.PARAMETER DocsPath
    The folder of markdown files.
.PARAMETER OutputPath
    The folder to write into (created when missing). Only files this script makes are replaced.
.EXAMPLE
    ./tools/ConvertTo-MamlHelp.ps1 -DocsPath docs -OutputPath out/VcfTasks/en-US
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $DocsPath,
    [Parameter(Mandatory)] [string] $OutputPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$script:LastAboutParagraphWasItem = $false

$RequiredSections = @('SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS')
$KnownSections = $RequiredSections + @('NOTES', 'RELATED LINKS')
$YamlKeys = @('Type', 'Parameter Sets', 'Aliases', 'Required', 'Position', 'Default value', 'Accept pipeline input', 'Accept wildcard characters')
$AllSets = '__AllParameterSets'
$Ns = @{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
    MSHelp  = 'http://msdn.microsoft.com/mshelp'
}

function Stop-Doc {
    param([string] $File, [int] $Line, [string] $Message)
    throw "${File}:${Line}: $Message"
}

# ---------------------------------------------------------------------------------------------------------
# Markdown reading: lines with their numbers, fences tracked, so '#' inside code is never a heading.
# ---------------------------------------------------------------------------------------------------------

function Read-DocLines {
    param([string] $Path)
    $text = [IO.File]::ReadAllText($Path)
    $lines = $text -replace "`r`n", "`n" -replace "`r", "`n" -split "`n"
    $result = [Collections.Generic.List[object]]::new()
    for ($i = 0; $i -lt $lines.Count; $i++) {
        $result.Add([pscustomobject]@{ N = $i + 1; Text = $lines[$i].TrimEnd() })
    }
    $placeholder = $result | Where-Object { $_.Text -match '\{\{.*\}\}' } | Select-Object -First 1
    if ($placeholder) { Stop-Doc $Path $placeholder.N "platyPS placeholder left in: $($placeholder.Text.Trim())" }
    $result
}

function Read-FrontMatter {
    # Returns @{ Values = ordered hashtable; Body = remaining lines }.
    param([string] $File, [object[]] $Lines)
    $values = [ordered]@{}
    if ($Lines.Count -eq 0 -or $Lines[0].Text -ne '---') { return @{ Values = $values; Body = $Lines; Line = 1 } }
    for ($i = 1; $i -lt $Lines.Count; $i++) {
        if ($Lines[$i].Text -eq '---') {
            return @{ Values = $values; Body = @($Lines | Select-Object -Skip ($i + 1)); Line = $Lines[$i].N }
        }
        if ($Lines[$i].Text -match '^\s*$') { continue }
        if ($Lines[$i].Text -notmatch '^([^:]+):\s*(.*)$') { Stop-Doc $File $Lines[$i].N "front matter line is not 'key: value': $($Lines[$i].Text)" }
        $values[$Matches[1].Trim()] = $Matches[2].Trim()
    }
    Stop-Doc $File $Lines[0].N 'front matter is not closed with ---'
}

function Split-Headings {
    # Splits lines into blocks by headings of exactly $Level '#'s (outside code fences).
    # Returns a preamble block (Title = $null) and one block per heading: Title, Line, Lines.
    param([object[]] $Lines, [int] $Level)
    $marker = '#' * $Level
    $blocks = [Collections.Generic.List[object]]::new()
    $current = [pscustomobject]@{ Title = $null; Line = if ($Lines.Count) { $Lines[0].N } else { 0 }; Lines = [Collections.Generic.List[object]]::new() }
    $blocks.Add($current)
    $inFence = $false
    foreach ($l in $Lines) {
        if ($l.Text -match '^\s*(```|~~~)') { $inFence = -not $inFence }
        if (-not $inFence -and $l.Text -match "^$marker\s+(.+?)\s*#*\s*$" -and $l.Text -notmatch "^$marker#") {
            $current = [pscustomobject]@{ Title = $Matches[1].Trim(); Line = $l.N; Lines = [Collections.Generic.List[object]]::new() }
            $blocks.Add($current)
            continue
        }
        $current.Lines.Add($l)
    }
    $blocks
}

function Split-Content {
    # A block's content as an ordered list of parts: @{ Kind = 'text'|'code'; Lang; Lines; Line }.
    param([string] $File, [object[]] $Lines)
    $parts = [Collections.Generic.List[object]]::new()
    $i = 0
    while ($i -lt $Lines.Count) {
        $l = $Lines[$i]
        if ($l.Text -match '^\s*(```|~~~)\s*([\w-]*)\s*$') {
            $fence = $Matches[1]; $lang = $Matches[2]; $start = $l.N
            $code = [Collections.Generic.List[string]]::new()
            $i++
            while ($i -lt $Lines.Count -and $Lines[$i].Text -notmatch "^\s*$([regex]::Escape($fence))\s*$") { $code.Add($Lines[$i].Text); $i++ }
            if ($i -ge $Lines.Count) { Stop-Doc $File $start 'code fence is not closed' }
            $parts.Add([pscustomobject]@{ Kind = 'code'; Lang = $lang; Lines = $code.ToArray(); Line = $start })
            $i++
            continue
        }
        $text = [Collections.Generic.List[object]]::new()
        while ($i -lt $Lines.Count -and $Lines[$i].Text -notmatch '^\s*(```|~~~)') { $text.Add($Lines[$i]); $i++ }
        if (($text | Where-Object { $_.Text -match '\S' })) {
            $parts.Add([pscustomobject]@{ Kind = 'text'; Lang = $null; Lines = @($text | ForEach-Object Text); Line = $text[0].N })
        }
    }
    $parts
}

function ConvertTo-PlainText {
    # Inline markdown to what reads well in a console: links keep their address, emphasis marks go, and a code
    # span keeps every character between its backticks (a '*' in `'Add host*'` is text, not emphasis) and loses
    # only the backticks. Code spans are cut out first, so nothing below ever rewrites their content.
    param([string] $Text)
    $spans = [Collections.Generic.List[string]]::new()
    # A code span opens with a run of backticks and closes with a run of the same length (CommonMark); one leading
    # and one trailing space are stripped when both are there, so `` `x` `` shows `x`.
    $t = [regex]::Replace($Text, '(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)', {
            param($m)
            $code = $m.Groups[2].Value
            if ($code.Length -ge 2 -and $code.StartsWith(' ') -and $code.EndsWith(' ') -and $code.Trim()) { $code = $code.Substring(1, $code.Length - 2) }
            $spans.Add($code)
            "`u{E000}$($spans.Count - 1)`u{E001}"
        })
    $t = $t -replace '\[([^\]]+)\]\(([^)]+)\)', '$1 ($2)'
    $t = $t -replace '\*\*([^*]+)\*\*', '$1' -replace '(?<![\w*])\*([^*\s][^*]*)\*(?![\w*])', '$1'
    $t = $t -replace '\\([\\`*_{}\[\]()#+\-.!<>|])', '$1'
    [regex]::Replace($t, "`u{E000}(\d+)`u{E001}", { param($m) $spans[[int]$m.Groups[1].Value] })
}

function Get-Paragraphs {
    # Text lines to paragraphs: blank lines separate; a list item or table row is a paragraph of its own.
    param([string[]] $Lines)
    $paras = [Collections.Generic.List[string]]::new()
    $buffer = [Collections.Generic.List[string]]::new()
    $flush = { if ($buffer.Count) { $paras.Add((ConvertTo-PlainText ($buffer -join ' '))); $buffer.Clear() } }
    foreach ($line in $Lines) {
        if ($line -match '^\s*$') { & $flush; continue }
        if ($line -match '^\s*([-*+]|\d+\.)\s+' -or $line -match '^\s*\|') {
            & $flush
            if ($line -match '^\s*\|[\s:|-]+\|\s*$') { continue }  # table separator row
            $buffer.Add($line.Trim())
            if ($line -match '^\s*\|') { & $flush }
            continue
        }
        if ($buffer.Count -and $buffer[0] -match '^([-*+]|\d+\.)\s' -and $line -match '^\s{2,}\S') { $buffer.Add($line.Trim()); continue }
        if ($buffer.Count -and $buffer[0] -match '^([-*+]|\d+\.)\s') { & $flush }
        $buffer.Add($line.Trim())
    }
    & $flush
    $paras
}

function Get-PartParagraphs {
    # Paragraphs of a section's parts; code blocks become indented paragraphs, one per line.
    param([object[]] $Parts)
    foreach ($p in $Parts) {
        if ($p.Kind -eq 'text') { Get-Paragraphs $p.Lines }
        else { foreach ($c in $p.Lines) { '    ' + $c } }
    }
}

# ---------------------------------------------------------------------------------------------------------
# Cmdlet docs
# ---------------------------------------------------------------------------------------------------------

function Read-ParameterYaml {
    param([string] $File, [object] $Code, [string] $Parameter)
    $values = [ordered]@{}
    $n = $Code.Line
    foreach ($line in $Code.Lines) {
        $n++
        if ($line -match '^\s*$') { continue }
        if ($line -notmatch '^([A-Za-z ]+):\s*(.*)$') { Stop-Doc $File $n "-${Parameter}: yaml line is not 'Key: value': $line" }
        $key = $Matches[1].Trim()
        if ($key -notin $YamlKeys) { Stop-Doc $File $n "-${Parameter}: unknown yaml key '$key' (known: $($YamlKeys -join ', '))" }
        $values[$key] = $Matches[2].Trim()
    }
    foreach ($key in $YamlKeys) {
        if (-not $values.Contains($key)) { Stop-Doc $File $Code.Line "-${Parameter}: yaml block has no '${key}:'" }
    }
    foreach ($key in 'Required', 'Accept wildcard characters') {
        if ($values[$key] -notmatch '^(True|False)$') { Stop-Doc $File $Code.Line "-${Parameter}: '$key' must be True or False, not '$($values[$key])'" }
    }
    if ($values['Position'] -notmatch '^(Named|\d+)$') { Stop-Doc $File $Code.Line "-${Parameter}: Position must be Named or a number, not '$($values['Position'])'" }
    $pipe = $values['Accept pipeline input']
    if ($pipe -notmatch '^(False|True \((ByValue|ByPropertyName|ByPropertyName, ByValue)\))$') {
        Stop-Doc $File $Code.Line "-${Parameter}: 'Accept pipeline input' must be False, True (ByValue), True (ByPropertyName) or True (ByPropertyName, ByValue), not '$pipe'"
    }
    if (-not $values['Type']) { Stop-Doc $File $Code.Line "-${Parameter}: Type is empty" }
    if (-not $values['Parameter Sets']) { Stop-Doc $File $Code.Line "-${Parameter}: 'Parameter Sets' is empty" }
    $sets = @($values['Parameter Sets'] -split ',' | ForEach-Object Trim | Where-Object { $_ } | ForEach-Object { if ($_ -eq '(All)') { $AllSets } else { $_ } })
    [pscustomobject]@{
        Type          = $values['Type']
        Sets          = $sets
        Aliases       = @($values['Aliases'] -split ',' | ForEach-Object Trim | Where-Object { $_ -and $_ -ne 'None' })
        Required      = $values['Required'] -eq 'True'
        Position      = if ($values['Position'] -eq 'Named') { 'named' } else { $values['Position'] }
        DefaultValue  = if ($values['Default value']) { $values['Default value'] } else { 'None' }
        PipelineInput = $pipe
        Globbing      = $values['Accept wildcard characters'] -eq 'True'
        Line          = $Code.Line
    }
}

function Read-TypeSection {
    # INPUTS / OUTPUTS: '### Type.Name' with an optional description each.
    param([string] $File, [object] $Section)
    $items = foreach ($b in (Split-Headings $Section.Lines 3)) {
        if ($null -eq $b.Title) {
            if ($b.Lines | Where-Object { $_.Text -match '\S' }) { Stop-Doc $File $b.Line "$($Section.Title): text before the first '### TypeName'" }
            continue
        }
        [pscustomobject]@{ Name = $b.Title; Paragraphs = @(Get-PartParagraphs (Split-Content $File $b.Lines)) }
    }
    if (-not $items) { Stop-Doc $File $Section.Line "$($Section.Title) has no '### TypeName' (write '### None' when there is none)" }
    @($items)
}

function Read-CommandDoc {
    param([string] $Path)
    $file = $Path
    $lines = @(Read-DocLines $Path)
    $front = Read-FrontMatter $file $lines
    foreach ($key in 'external help file', 'Module Name', 'schema') {
        if (-not $front.Values.Contains($key) -or -not $front.Values[$key]) { Stop-Doc $file 1 "front matter has no '${key}:'" }
    }
    if ($front.Values['schema'] -ne '2.0.0') { Stop-Doc $file 1 "schema must be 2.0.0, not '$($front.Values['schema'])'" }

    $top = @(Split-Headings $front.Body 1)
    $titled = @($top | Where-Object { $null -ne $_.Title })
    if ($titled.Count -ne 1) { Stop-Doc $file ($front.Line + 1) "expected exactly one '# Command-Name' heading, found $($titled.Count)" }
    $name = $titled[0].Title
    $expected = [IO.Path]::GetFileNameWithoutExtension($Path)
    if ($name -ne $expected) { Stop-Doc $file $titled[0].Line "heading '# $name' does not match the file name '$expected'" }
    if ($name -notmatch '^([A-Za-z]+)-(\w+)$') { Stop-Doc $file $titled[0].Line "'$name' is not a Verb-Noun name" }
    $verb = $Matches[1]; $noun = $Matches[2]

    $sections = [ordered]@{}
    foreach ($s in (Split-Headings $titled[0].Lines 2)) {
        if ($null -eq $s.Title) {
            if ($s.Lines | Where-Object { $_.Text -match '\S' }) { Stop-Doc $file $s.Line "text before '## SYNOPSIS'" }
            continue
        }
        $key = $s.Title.ToUpperInvariant()
        if ($key -notin $KnownSections) { Stop-Doc $file $s.Line "unknown section '## $($s.Title)' (known: $($KnownSections -join ', '))" }
        if ($sections.Contains($key)) { Stop-Doc $file $s.Line "section '## $key' appears twice" }
        $sections[$key] = $s
    }
    foreach ($key in $RequiredSections) {
        if (-not $sections.Contains($key)) { Stop-Doc $file $titled[0].Line "missing required section '## $key'" }
    }
    $order = @($sections.Keys)
    $wanted = @($KnownSections | Where-Object { $_ -in $order })
    if (($order -join '|') -ne ($wanted -join '|')) { Stop-Doc $file $titled[0].Line "sections are out of order: $($order -join ', ') (expected $($wanted -join ', '))" }

    # SYNOPSIS, DESCRIPTION, NOTES
    $synopsis = @(Get-PartParagraphs (Split-Content $file $sections['SYNOPSIS'].Lines))
    if (-not $synopsis) { Stop-Doc $file $sections['SYNOPSIS'].Line 'SYNOPSIS is empty' }
    $description = @(Get-PartParagraphs (Split-Content $file $sections['DESCRIPTION'].Lines))
    if (-not $description) { Stop-Doc $file $sections['DESCRIPTION'].Line 'DESCRIPTION is empty' }
    $notes = if ($sections.Contains('NOTES')) { @(Get-PartParagraphs (Split-Content $file $sections['NOTES'].Lines)) } else { @() }

    # SYNTAX: '### SetName' or '### SetName (Default)', each with one fenced block.
    $syntaxSets = [Collections.Generic.List[object]]::new()
    foreach ($b in (Split-Headings $sections['SYNTAX'].Lines 3)) {
        if ($null -eq $b.Title) { continue }
        if ($b.Title -notmatch '^(\w+)(\s+\(Default\))?$') { Stop-Doc $file $b.Line "syntax heading '### $($b.Title)' is not a parameter set name" }
        $setName = $Matches[1]
        $codes = @(Split-Content $file $b.Lines | Where-Object Kind -eq 'code')
        if ($codes.Count -ne 1) { Stop-Doc $file $b.Line "syntax for set '$setName' needs exactly one fenced block, found $($codes.Count)" }
        $syntaxSets.Add([pscustomobject]@{ Name = $setName; Line = $b.Line; Text = ($codes[0].Lines -join ' '); CodeLine = $codes[0].Line })
    }
    if (-not $syntaxSets.Count) { Stop-Doc $file $sections['SYNTAX'].Line "SYNTAX has no '### SetName' with a fenced syntax block" }
    $setNames = @($syntaxSets | ForEach-Object Name)
    $dup = $setNames | Group-Object | Where-Object Count -gt 1 | Select-Object -First 1
    if ($dup) { Stop-Doc $file $sections['SYNTAX'].Line "parameter set '$($dup.Name)' appears twice in SYNTAX" }

    # EXAMPLES: '### Example N: title', code first (any number of fences), the text is the remarks.
    $examples = [Collections.Generic.List[object]]::new()
    foreach ($b in (Split-Headings $sections['EXAMPLES'].Lines 3)) {
        if ($null -eq $b.Title) { continue }
        $parts = @(Split-Content $file $b.Lines)
        $code = @($parts | Where-Object Kind -eq 'code')
        if (-not $code) { Stop-Doc $file $b.Line "example '$($b.Title)' has no fenced code block" }
        $examples.Add([pscustomobject]@{
                Title   = $b.Title
                Code    = (($code | ForEach-Object { $_.Lines -join "`n" }) -join "`n`n")
                Remarks = @(Get-PartParagraphs @($parts | Where-Object Kind -eq 'text'))
            })
    }
    if (-not $examples.Count) { Stop-Doc $file $sections['EXAMPLES'].Line "EXAMPLES has no '### Example 1: ...' with code" }

    # PARAMETERS: '### -Name', description, one yaml block per distinct metadata; '### CommonParameters'.
    $parameters = [Collections.Generic.List[object]]::new()
    foreach ($b in (Split-Headings $sections['PARAMETERS'].Lines 3)) {
        if ($null -eq $b.Title) { continue }
        if ($b.Title -eq 'CommonParameters') { continue }
        if ($b.Title -notmatch '^-(\w+)$') { Stop-Doc $file $b.Line "parameter heading '### $($b.Title)' is not '### -Name' or '### CommonParameters'" }
        $pname = $Matches[1]
        if ($parameters | Where-Object Name -eq $pname) { Stop-Doc $file $b.Line "parameter -$pname is documented twice" }
        $parts = @(Split-Content $file $b.Lines)
        $yaml = @($parts | Where-Object { $_.Kind -eq 'code' -and $_.Lang -eq 'yaml' })
        if (-not $yaml) { Stop-Doc $file $b.Line "parameter -$pname has no yaml block" }
        $desc = @(Get-PartParagraphs @($parts | Where-Object Kind -eq 'text'))
        if (-not $desc) { Stop-Doc $file $b.Line "parameter -$pname has no description" }
        $meta = @($yaml | ForEach-Object { Read-ParameterYaml $file $_ $pname })
        $seen = @{}
        foreach ($m in $meta) {
            foreach ($s in $m.Sets) {
                if ($s -ne $AllSets -and $s -notin $setNames) { Stop-Doc $file $m.Line "-${pname}: parameter set '$s' is not under SYNTAX ($($setNames -join ', '))" }
                if ($seen.ContainsKey($s)) { Stop-Doc $file $m.Line "-${pname}: parameter set '$s' is named in two yaml blocks" }
                $seen[$s] = $true
            }
            if ($m.Type -ne $meta[0].Type) { Stop-Doc $file $m.Line "-${pname}: Type differs between yaml blocks" }
        }
        $parameters.Add([pscustomobject]@{ Name = $pname; Description = $desc; Meta = $meta; Line = $b.Line })
    }

    # Each syntax block names exactly the parameters of its set: a parameter missing from PARAMETERS fails here.
    $syntaxItems = foreach ($set in $syntaxSets) {
        $members = foreach ($p in $parameters) {
            $m = $p.Meta | Where-Object { $set.Name -in $_.Sets -or $AllSets -in $_.Sets } | Select-Object -First 1
            if ($m) { [pscustomobject]@{ Parameter = $p; Meta = $m } }
        }
        $members = @($members)
        $inSyntax = @([regex]::Matches($set.Text, '(?<![\w-])-(\w+)') | ForEach-Object { $_.Groups[1].Value } | Select-Object -Unique)
        $documented = @($members | ForEach-Object { $_.Parameter.Name })
        foreach ($n in $inSyntax) {
            if ($n -notin $documented) { Stop-Doc $file $set.CodeLine "syntax of set '$($set.Name)' names -$n, which has no '### -$n' in PARAMETERS for that set" }
        }
        foreach ($n in $documented) {
            if ($n -notin $inSyntax) { Stop-Doc $file $set.CodeLine "syntax of set '$($set.Name)' does not name -$n, which PARAMETERS puts in that set" }
        }
        if ($set.Text -notmatch "^\s*$([regex]::Escape($name))(\s|$)") { Stop-Doc $file $set.CodeLine "syntax of set '$($set.Name)' does not start with $name" }
        # Order as PowerShell shows syntax: positional by position, then mandatory, then the rest, each in doc order.
        $ordered = @($members | Where-Object { $_.Meta.Position -ne 'named' } | Sort-Object { [int]$_.Meta.Position }) +
        @($members | Where-Object { $_.Meta.Position -eq 'named' -and $_.Meta.Required }) +
        @($members | Where-Object { $_.Meta.Position -eq 'named' -and -not $_.Meta.Required })
        [pscustomobject]@{ Set = $set.Name; Members = $ordered }
    }
    foreach ($p in $parameters) {
        if (-not ($syntaxItems | Where-Object { $_.Members.Parameter -contains $p })) { Stop-Doc $file $p.Line "-$($p.Name) belongs to no parameter set under SYNTAX" }
    }

    $links = [Collections.Generic.List[object]]::new()
    if ($front.Values['online version']) { $links.Add([pscustomobject]@{ Text = 'Online Version:'; Uri = $front.Values['online version'] }) }
    if ($sections.Contains('RELATED LINKS')) {
        foreach ($l in $sections['RELATED LINKS'].Lines) {
            if ($l.Text -match '^\s*$') { continue }
            if ($l.Text -match '^\s*[-*]?\s*\[([^\]]+)\]\(([^)]*)\)\s*$') { $links.Add([pscustomobject]@{ Text = $Matches[1]; Uri = $Matches[2] }) }
            else { Stop-Doc $file $l.N "related link is not '[Text](uri)': $($l.Text)" }
        }
    }

    [pscustomobject]@{
        File         = $file
        HelpFile     = $front.Values['external help file']
        Module       = $front.Values['Module Name']
        Name         = $name
        Verb         = $verb
        Noun         = $noun
        Synopsis     = $synopsis
        Description  = $description
        SyntaxItems  = @($syntaxItems)
        Parameters   = $parameters.ToArray()
        Examples     = $examples.ToArray()
        Inputs       = @(Read-TypeSection $file $sections['INPUTS'])
        Outputs      = @(Read-TypeSection $file $sections['OUTPUTS'])
        Notes        = $notes
        Links        = $links.ToArray()
    }
}

# ---------------------------------------------------------------------------------------------------------
# MAML writing
# ---------------------------------------------------------------------------------------------------------

function Write-Paras {
    param([Xml.XmlWriter] $W, [string[]] $Paragraphs)
    $W.WriteStartElement('maml', 'description', $Ns.maml)
    foreach ($p in $Paragraphs) { $W.WriteElementString('maml', 'para', $Ns.maml, $p) }
    if (-not $Paragraphs) { $W.WriteElementString('maml', 'para', $Ns.maml, '') }
    $W.WriteEndElement()
}

function Write-Parameter {
    param([Xml.XmlWriter] $W, [object] $Parameter, [object] $Meta, [bool] $InSyntax)
    $isSwitch = $Meta.Type -match '^(System\.Management\.Automation\.)?SwitchParameter$'
    $W.WriteStartElement('command', 'parameter', $Ns.command)
    $W.WriteAttributeString('required', $Meta.Required.ToString().ToLowerInvariant())
    $W.WriteAttributeString('variableLength', 'true')
    $W.WriteAttributeString('globbing', $Meta.Globbing.ToString().ToLowerInvariant())
    $W.WriteAttributeString('pipelineInput', $Meta.PipelineInput)
    $W.WriteAttributeString('position', $Meta.Position)
    $W.WriteAttributeString('aliases', $(if ($Meta.Aliases) { $Meta.Aliases -join ', ' } else { 'none' }))
    $W.WriteElementString('maml', 'name', $Ns.maml, $Parameter.Name)
    Write-Paras $W $Parameter.Description
    if (-not ($isSwitch -and $InSyntax)) {
        $W.WriteStartElement('command', 'parameterValue', $Ns.command)
        $W.WriteAttributeString('required', $(if ($isSwitch) { 'false' } else { 'true' }))
        $W.WriteAttributeString('variableLength', 'false')
        $W.WriteString($Meta.Type)
        $W.WriteEndElement()
    }
    $W.WriteStartElement('dev', 'type', $Ns.dev)
    $W.WriteElementString('maml', 'name', $Ns.maml, $Meta.Type)
    $W.WriteElementString('maml', 'uri', $Ns.maml, '')
    $W.WriteEndElement()
    $W.WriteElementString('dev', 'defaultValue', $Ns.dev, $Meta.DefaultValue)
    $W.WriteEndElement()
}

function Write-TypeList {
    param([Xml.XmlWriter] $W, [string] $ListName, [string] $ItemName, [object[]] $Types)
    $W.WriteStartElement('command', $ListName, $Ns.command)
    foreach ($t in $Types) {
        $W.WriteStartElement('command', $ItemName, $Ns.command)
        $W.WriteStartElement('dev', 'type', $Ns.dev)
        $W.WriteElementString('maml', 'name', $Ns.maml, $t.Name)
        $W.WriteEndElement()
        Write-Paras $W $t.Paragraphs
        $W.WriteEndElement()
    }
    $W.WriteEndElement()
}

function Write-Command {
    param([Xml.XmlWriter] $W, [object] $Doc)
    $W.WriteStartElement('command', 'command', $Ns.command)
    foreach ($prefix in 'maml', 'command', 'dev', 'MSHelp') { $W.WriteAttributeString('xmlns', $prefix, $null, $Ns[$prefix]) }

    $W.WriteStartElement('command', 'details', $Ns.command)
    $W.WriteElementString('command', 'name', $Ns.command, $Doc.Name)
    $W.WriteElementString('command', 'verb', $Ns.command, $Doc.Verb)
    $W.WriteElementString('command', 'noun', $Ns.command, $Doc.Noun)
    Write-Paras $W $Doc.Synopsis
    $W.WriteEndElement()

    Write-Paras $W $Doc.Description

    $W.WriteStartElement('command', 'syntax', $Ns.command)
    foreach ($item in $Doc.SyntaxItems) {
        $W.WriteStartElement('command', 'syntaxItem', $Ns.command)
        $W.WriteElementString('maml', 'name', $Ns.maml, $Doc.Name)
        foreach ($m in $item.Members) { Write-Parameter $W $m.Parameter $m.Meta $true }
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    # One entry per parameter, with the metadata of its first yaml block (as platyPS does).
    $W.WriteStartElement('command', 'parameters', $Ns.command)
    foreach ($p in $Doc.Parameters) { Write-Parameter $W $p $p.Meta[0] $false }
    $W.WriteEndElement()

    Write-TypeList $W 'inputTypes' 'inputType' $Doc.Inputs
    Write-TypeList $W 'returnValues' 'returnValue' $Doc.Outputs

    $W.WriteStartElement('maml', 'alertSet', $Ns.maml)
    $W.WriteStartElement('maml', 'alert', $Ns.maml)
    foreach ($p in $Doc.Notes) { $W.WriteElementString('maml', 'para', $Ns.maml, $p) }
    if (-not $Doc.Notes) { $W.WriteElementString('maml', 'para', $Ns.maml, '') }
    $W.WriteEndElement()
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'examples', $Ns.command)
    foreach ($e in $Doc.Examples) {
        $W.WriteStartElement('command', 'example', $Ns.command)
        $W.WriteElementString('maml', 'title', $Ns.maml, "-------------------------- $($e.Title) --------------------------")
        $W.WriteElementString('dev', 'code', $Ns.dev, $e.Code)
        $W.WriteStartElement('dev', 'remarks', $Ns.dev)
        foreach ($p in $e.Remarks) { $W.WriteElementString('maml', 'para', $Ns.maml, $p) }
        # An empty last paragraph keeps a blank line between one example and the next title in Get-Help.
        $W.WriteElementString('maml', 'para', $Ns.maml, '')
        $W.WriteEndElement()
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'relatedLinks', $Ns.command)
    foreach ($l in $Doc.Links) {
        $W.WriteStartElement('maml', 'navigationLink', $Ns.maml)
        $W.WriteElementString('maml', 'linkText', $Ns.maml, $l.Text)
        # A relative link (another doc, e.g. Get-VcfTask.md) means nothing in a console: Get-Help shows the name.
        $W.WriteElementString('maml', 'uri', $Ns.maml, $(if ($l.Uri -match '^[a-z][a-z0-9+.-]*://') { $l.Uri } else { '' }))
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteEndElement()
}

function Write-Maml {
    param([string] $Path, [object[]] $Docs)
    $settings = [Xml.XmlWriterSettings]::new()
    $settings.Indent = $true
    $settings.IndentChars = '  '
    $settings.NewLineChars = "`n"
    $settings.NewLineHandling = [Xml.NewLineHandling]::Replace
    $settings.Encoding = [Text.UTF8Encoding]::new($false)
    $stream = [IO.MemoryStream]::new()
    $w = [Xml.XmlWriter]::Create($stream, $settings)
    try {
        $w.WriteStartDocument()
        $w.WriteStartElement('helpItems', 'http://msh')
        $w.WriteAttributeString('schema', 'maml')
        foreach ($d in $Docs) { Write-Command $w $d }
        $w.WriteEndElement()
        $w.WriteEndDocument()
    } finally {
        $w.Dispose()
    }
    $bytes = $stream.ToArray() + [byte[]](10)
    [IO.File]::WriteAllBytes($Path, $bytes)
    # Prove the result is well-formed XML that PowerShell can load.
    $null = [xml][IO.File]::ReadAllText($Path)
}

# ---------------------------------------------------------------------------------------------------------
# about_ topics: platyPS about schema to the usual about_*.help.txt layout
# ---------------------------------------------------------------------------------------------------------

function Format-Wrapped {
    param([string] $Text, [int] $Indent, [int] $HangingIndent = $Indent, [int] $Width = 80)
    $words = $Text -split '\s+' | Where-Object { $_ }
    $lines = [Collections.Generic.List[string]]::new()
    $line = ' ' * $Indent
    $empty = $true
    foreach ($word in $words) {
        if (-not $empty -and ($line.Length + 1 + $word.Length) -gt $Width) {
            $lines.Add($line)
            $line = (' ' * $HangingIndent) + $word
        } else {
            $line += $(if ($empty) { $word } else { ' ' + $word })
        }
        $empty = $false
    }
    if (-not $empty) { $lines.Add($line) }
    $lines
}

function Convert-AboutDoc {
    param([string] $Path)
    $file = $Path
    $lines = @(Read-DocLines $Path)
    $front = Read-FrontMatter $file $lines
    $topic = [IO.Path]::GetFileNameWithoutExtension($Path)
    $blocks = @(Split-Headings $front.Body 1)
    $titled = @($blocks | Where-Object { $null -ne $_.Title })
    if (-not $titled -or $titled[0].Title -ne $topic) { Stop-Doc $file ($front.Line + 1) "the first heading must be '# $topic'" }
    $sectionNames = @($titled | Select-Object -Skip 1 | ForEach-Object { $_.Title.ToUpperInvariant() })
    foreach ($required in 'SHORT DESCRIPTION', 'LONG DESCRIPTION') {
        if ($required -notin $sectionNames) { Stop-Doc $file $titled[0].Line "missing required section '# $required'" }
    }

    $out = [Collections.Generic.List[string]]::new()
    $headings = [Collections.Generic.HashSet[int]]::new()
    $headings.Add(0) | Out-Null
    $out.Add('TOPIC')
    $out.Add("    $topic")
    foreach ($section in ($titled | Select-Object -Skip 1)) {
        $out.Add('')
        $headings.Add($out.Count) | Out-Null
        $out.Add($section.Title.ToUpperInvariant())
        $subs = @(Split-Headings $section.Lines 2)
        foreach ($sub in $subs) {
            if ($null -ne $sub.Title) {
                $out.Add('')
                $headings.Add($out.Count) | Out-Null
                $out.Add('  ' + (ConvertTo-PlainText $sub.Title))
            }
            foreach ($part in (Split-Content $file $sub.Lines)) {
                if ($part.Kind -eq 'code') {
                    $out.Add('')
                    foreach ($c in $part.Lines) { $out.Add($(if ($c) { '        ' + $c } else { '' })) }
                    continue
                }
                $table = [Collections.Generic.List[string]]::new()
                $flushTable = {
                    if ($table.Count) {
                        # Tables stay tables: columns padded to the widest cell, no wrapping.
                        $rows = @($table | ForEach-Object { , @($_.Trim().Trim('|') -split '(?<!\\)\|' | ForEach-Object { ConvertTo-PlainText $_.Trim() }) })
                        $cols = ($rows | ForEach-Object { $_.Count } | Measure-Object -Maximum).Maximum
                        $widths = foreach ($i in 0..($cols - 1)) { ($rows | ForEach-Object { if ($i -lt $_.Count) { $_[$i].Length } else { 0 } } | Measure-Object -Maximum).Maximum }
                        $total = 4 + ($widths | Measure-Object -Sum).Sum + 2 * ($cols - 1)
                        if ($total -le 80) {
                            $out.Add('')
                            for ($r = 0; $r -lt $rows.Count; $r++) {
                                $cells = foreach ($i in 0..($cols - 1)) { $v = if ($i -lt $rows[$r].Count) { $rows[$r][$i] } else { '' }; $v.PadRight($widths[$i]) }
                                $out.Add(('    ' + ($cells -join '  ')).TrimEnd())
                                if ($r -eq 0) { $out.Add(('    ' + (($widths | ForEach-Object { '-' * $_ }) -join '  '))) }
                            }
                        } else {
                            # Too wide for a console: one entry per row, the first cell as its title.
                            for ($r = 1; $r -lt $rows.Count; $r++) {
                                $out.Add('')
                                $out.Add('    ' + $rows[$r][0])
                                for ($i = 1; $i -lt [Math]::Min($cols, $rows[$r].Count); $i++) {
                                    foreach ($l in (Format-Wrapped "$($rows[0][$i]): $($rows[$r][$i])" 8 10)) { $out.Add($l) }
                                }
                            }
                        }
                        $table.Clear()
                    }
                }
                $prose = [Collections.Generic.List[string]]::new()
                foreach ($l in $part.Lines) {
                    if ($l -match '^\s*\|') {
                        if ($prose.Count) { foreach ($p in (Get-Paragraphs $prose)) { Add-AboutParagraph $out $p }; $prose.Clear() }
                        if ($l -notmatch '^\s*\|[\s:|-]+\|\s*$') { $table.Add($l) }
                        continue
                    }
                    & $flushTable
                    $prose.Add($l)
                }
                & $flushTable
                foreach ($p in (Get-Paragraphs $prose)) { Add-AboutParagraph $out $p }
            }
        }
    }
    # The usual layout: text starts on the line after its heading, blank lines only between paragraphs.
    $final = for ($i = 0; $i -lt $out.Count; $i++) { if ($out[$i] -eq '' -and $headings.Contains($i - 1)) { continue }; $out[$i] }
    [pscustomobject]@{ Topic = $topic; Text = ($final -join "`n") + "`n" }
}

function Add-AboutParagraph {
    param([Collections.Generic.List[string]] $Out, [string] $Paragraph)
    # A blank line before each paragraph, except between the items of one list.
    $isItem = $Paragraph -match '^([-*+]|\d+\.)\s'
    if (-not ($isItem -and $script:LastAboutParagraphWasItem -and $Out.Count -and $Out[$Out.Count - 1] -ne '')) { $Out.Add('') }
    $script:LastAboutParagraphWasItem = $isItem
    if ($Paragraph -match '^([-*+])\s+(.*)$') {
        foreach ($l in (Format-Wrapped "- $($Matches[2])" 4 6)) { $Out.Add($l) }
    } elseif ($Paragraph -match '^(\d+\.)\s+(.*)$') {
        $marker = $Matches[1]
        foreach ($l in (Format-Wrapped "$marker $($Matches[2])" 4 (5 + $marker.Length))) { $Out.Add($l) }
    } else {
        foreach ($l in (Format-Wrapped $Paragraph 4)) { $Out.Add($l) }
    }
}

# ---------------------------------------------------------------------------------------------------------

$docsDir = (Resolve-Path -LiteralPath $DocsPath).Path
$null = New-Item -ItemType Directory -Force -Path $OutputPath
$outDir = (Resolve-Path -LiteralPath $OutputPath).Path

# Ordinal order, whatever the machine's culture: same docs, same bytes.
$files = [IO.FileInfo[]]@(Get-ChildItem -LiteralPath $docsDir -Filter *.md -File)
[Array]::Sort([string[]]@($files.Name), $files, [StringComparer]::Ordinal)
$commandFiles = @($files | Where-Object { $_.Name -notlike 'about_*' })
$aboutFiles = @($files | Where-Object { $_.Name -like 'about_*' })
if (-not $commandFiles) { throw "${docsDir}: no cmdlet docs (*.md other than about_*.md)" }

$docs = @($commandFiles | ForEach-Object { Read-CommandDoc $_.FullName })
foreach ($helpFile in ($docs.HelpFile | Sort-Object -Unique -CaseSensitive)) {
    $group = @($docs | Where-Object HelpFile -ceq $helpFile)
    $target = Join-Path $outDir $helpFile
    Write-Maml $target $group
    Write-Verbose "Wrote $target ($($group.Count) commands: $(@($group.Name) -join ', '))"
}
foreach ($a in $aboutFiles) {
    $about = Convert-AboutDoc $a.FullName
    $target = Join-Path $outDir "$($about.Topic).help.txt"
    [IO.File]::WriteAllText($target, $about.Text, [Text.UTF8Encoding]::new($false))
    Write-Verbose "Wrote $target"
}
