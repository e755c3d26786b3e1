#requires -Version 7.4
<#
.SYNOPSIS
    Makes MAML cmdlet help and about_ topics from platyPS-schema markdown (the project's own New-ExternalHelp).
.DESCRIPTION
    platyPS is not on NuGet, so a build machine may not have it: build.ps1 uses platyPS's New-ExternalHelp when
    it is installed and this script otherwise. It reads the same markdown schema (platyPS 2.0.0) and writes what
    Get-Help reads:

      docs/<Verb-Noun>.md   -> <OutputPath>/<external help file> (e.g. VcfTasks.dll-Help.xml), one
                               command:command per doc, docs sorted by file name
      docs/about_<X>.md     -> <OutputPath>/about_<X>.help.txt

    Adding a cmdlet's help is adding its doc file: nothing here names a cmdlet.

    The markdown is read by Markdig, the parser pwsh ships for ConvertFrom-Markdown, as a syntax tree: this
    script walks headings, paragraphs, lists, tables, fenced blocks and inlines, and never parses markdown text.

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
$script:MarkdownPipeline = $null

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
# Markdown reading: Markdig's syntax tree, from the Markdig that pwsh ships for ConvertFrom-Markdown. Nothing here
# parses Markdown by hand: headings, fences, lists, tables, code spans, links and escapes are what Markdig says.
# Only the yaml inside the front matter and inside a parameter's yaml block is read here, as 'key: value' lines.
# ---------------------------------------------------------------------------------------------------------

function New-MarkdownPipeline {
    # CommonMark with pipe tables and yaml front matter, and nothing else. Not ConvertFrom-Markdown's own pipeline:
    # its advanced extensions read text as markup that platyPS docs mean literally (generic attributes drop the
    # '{id}' of 'PATCH /v1/tasks/{id}', and it has no front matter, which it reads as a rule and a heading).
    # ConvertFrom-Markdown is called once so that its Markdig assembly is loaded; the parser is that same Markdig.
    if (-not ('Markdig.Markdown' -as [type])) { $null = ConvertFrom-Markdown -InputObject ' ' }
    $builder = [Markdig.MarkdownPipelineBuilder]::new()
    $builder = [Markdig.MarkdownExtensions]::UsePipeTables($builder)
    $builder = [Markdig.MarkdownExtensions]::UseYamlFrontMatter($builder)
    $builder.Build()
}

function Read-MarkdownDoc {
    # Returns the front matter's values, the line after it, and the document's top-level blocks.
    param([string] $Path)
    $text = [IO.File]::ReadAllText($Path)
    $lines = $text -split '\r?\n|\r'
    for ($i = 0; $i -lt $lines.Count; $i++) {
        if ($lines[$i] -match '\{\{.*\}\}') { Stop-Doc $Path ($i + 1) "platyPS placeholder left in: $($lines[$i].Trim())" }
    }
    if (-not $script:MarkdownPipeline) { $script:MarkdownPipeline = New-MarkdownPipeline }
    $document = [Markdig.Markdown]::Parse($text, $script:MarkdownPipeline)
    $values = [ordered]@{}
    $bodyLine = 1
    $blocks = [Collections.Generic.List[object]]::new()
    foreach ($b in $document) {
        if ($b -is [Markdig.Extensions.Yaml.YamlFrontMatterBlock]) {
            $n = Get-BlockLine $b
            foreach ($line in (Get-CodeLines $b)) {
                $n++
                if ($line -match '^\s*$') { continue }
                if ($line -notmatch '^([^:]+):\s*(.*)$') { Stop-Doc $Path $n "front matter line is not 'key: value': $line" }
                $values[$Matches[1].Trim()] = $Matches[2].Trim()
            }
            $bodyLine = $n + 2
            continue
        }
        # A link reference definition ('[x]: url') shows nothing.
        if ($b -isnot [Markdig.Syntax.LinkReferenceDefinitionGroup]) { $blocks.Add($b) }
    }
    [pscustomobject]@{ Values = $values; Line = $bodyLine; Blocks = $blocks.ToArray() }
}

function Get-BlockLine {
    # Markdig counts lines from 0; messages count from 1, as editors do.
    param([object] $Block)
    $Block.Line + 1
}

function Split-Sections {
    # Splits blocks at headings of exactly $Level. Returns a preamble (Title = $null) and one section per heading:
    # Title (its text), Line, Blocks (what follows, up to the next heading of that level).
    param([object[]] $Blocks, [int] $Level, [int] $Line = 0)
    $first = if ($Blocks.Count) { Get-BlockLine $Blocks[0] } else { $Line }
    $current = [pscustomobject]@{ Title = $null; Line = $first; Blocks = [Collections.Generic.List[object]]::new() }
    $sections = [Collections.Generic.List[object]]::new()
    $sections.Add($current)
    foreach ($b in $Blocks) {
        if ($b -is [Markdig.Syntax.HeadingBlock] -and $b.Level -eq $Level) {
            $current = [pscustomobject]@{ Title = (ConvertTo-PlainText $b.Inline).Trim(); Line = (Get-BlockLine $b); Blocks = [Collections.Generic.List[object]]::new() }
            $sections.Add($current)
            continue
        }
        $current.Blocks.Add($b)
    }
    $sections
}

function Test-CodeBlock {
    param([object] $Block)
    $Block -is [Markdig.Syntax.CodeBlock]
}

function Get-CodeLines {
    # A fenced (or indented) code block's lines as written, without the fences.
    param([object] $Block)
    $group = $Block.Lines
    for ($i = 0; $i -lt $group.Count; $i++) { $group.Lines[$i].ToString().TrimEnd() }
}

function Get-CodeInfo {
    # The fence's language ('yaml', 'powershell'), empty for none.
    param([object] $Block)
    if ($Block -is [Markdig.Syntax.FencedCodeBlock] -and $Block.Info) { $Block.Info.Trim() } else { '' }
}

function ConvertTo-PlainText {
    # Inlines to what reads well in a console: a code span keeps every character but its backticks, a link keeps
    # its address in brackets after its text, emphasis marks and backslash escapes go (Markdig has already read
    # them), a line break inside a paragraph is a space.
    param([object] $Inline)
    $text = [Text.StringBuilder]::new()
    if ($null -ne $Inline) { Add-InlineText $text $Inline }
    $text.ToString()
}

function Add-InlineText {
    param([Text.StringBuilder] $Text, [object] $Container)
    # Walked by sibling links: a ContainerInline is enumerable, and PowerShell would unroll it in a pipeline.
    $node = $Container.FirstChild
    while ($null -ne $node) {
        if ($node -is [Markdig.Syntax.Inlines.LiteralInline]) { $null = $Text.Append($node.Content.ToString()) }
        elseif ($node -is [Markdig.Syntax.Inlines.CodeInline]) { $null = $Text.Append($node.Content) }
        elseif ($node -is [Markdig.Syntax.Inlines.LineBreakInline]) { $null = $Text.Append(' ') }
        elseif ($node -is [Markdig.Syntax.Inlines.AutolinkInline]) { $null = $Text.Append($node.Url) }
        elseif ($node -is [Markdig.Syntax.Inlines.HtmlEntityInline]) { $null = $Text.Append($node.Transcoded.ToString()) }
        elseif ($node -is [Markdig.Syntax.Inlines.HtmlInline]) { $null = $Text.Append($node.Tag) }
        elseif ($node -is [Markdig.Syntax.Inlines.LinkInline]) {
            Add-InlineText $Text $node
            if (-not $node.IsImage -and $node.Url) { $null = $Text.Append(" ($($node.Url))") }
        }
        elseif ($node -is [Markdig.Syntax.Inlines.ContainerInline]) { Add-InlineText $Text $node }
        else { $null = $Text.Append($node.ToString()) }
        $node = $node.NextSibling
    }
}

function Get-TableRows {
    # A pipe table as rows of cell texts, the header row first.
    param([object] $Table)
    foreach ($row in $Table) {
        $cells = foreach ($cell in $row) { (@(foreach ($p in $cell) { ConvertTo-PlainText $p.Inline }) -join ' ').Trim() }
        , @($cells)
    }
}

function Get-ListMarker {
    param([object] $List, [object] $Item)
    if ($List.IsOrdered) { "$($Item.Order)$($List.OrderedDelimiter)" } else { [string]$List.BulletType }
}

function Get-BlockItems {
    # Blocks as a flat run of what help shows: 'para' (Text, and Marker '-' or '1.' for a list item's first
    # paragraph), 'code' (Lines) and 'table' (Rows of cell texts, the header first).
    param([object[]] $Blocks, [string] $Marker)
    foreach ($b in $Blocks) {
        if ($b -is [Markdig.Syntax.ParagraphBlock] -or $b -is [Markdig.Syntax.HeadingBlock]) {
            [pscustomobject]@{ Kind = 'para'; Marker = $Marker; Text = ConvertTo-PlainText $b.Inline }
            $Marker = $null
        } elseif (Test-CodeBlock $b) {
            [pscustomobject]@{ Kind = 'code'; Lines = @(Get-CodeLines $b) }
        } elseif ($b -is [Markdig.Syntax.ListBlock]) {
            # @($item) is the item's blocks: a ListItemBlock is a container.
            foreach ($item in $b) { Get-BlockItems @($item) (Get-ListMarker $b $item) }
        } elseif ($b -is [Markdig.Extensions.Tables.Table]) {
            [pscustomobject]@{ Kind = 'table'; Rows = @(Get-TableRows $b) }
        } elseif ($b -is [Markdig.Syntax.HtmlBlock]) {
            [pscustomobject]@{ Kind = 'para'; Marker = $Marker; Text = (@(Get-CodeLines $b) -join ' ') }
            $Marker = $null
        } elseif ($b -is [Markdig.Syntax.ContainerBlock]) {
            Get-BlockItems @($b) $Marker
            $Marker = $null
        }
        # A thematic break (---) has no text.
    }
}

function Get-BlockParagraphs {
    # Blocks to MAML paragraphs: a list item's first paragraph starts with its marker ('- ', '1. '), a table row
    # is '| a | b |', a code block is one indented paragraph per line, so a syntax example keeps its layout.
    param([object[]] $Blocks)
    foreach ($item in (Get-BlockItems $Blocks)) {
        switch ($item.Kind) {
            'para' { if ($item.Marker) { "$($item.Marker) $($item.Text)" } else { $item.Text } }
            'code' { foreach ($c in $item.Lines) { '    ' + $c } }
            'table' { foreach ($row in $item.Rows) { '| ' + ($row -join ' | ') + ' |' } }
        }
    }
}

function Test-HasContent {
    param([object[]] $Blocks)
    [bool]@($Blocks | Where-Object { $_ -isnot [Markdig.Syntax.ThematicBreakBlock] }).Count
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
    $items = foreach ($b in (Split-Sections $Section.Blocks 3 $Section.Line)) {
        if ($null -eq $b.Title) {
            if (Test-HasContent $b.Blocks) { Stop-Doc $File $b.Line "$($Section.Title): text before the first '### TypeName'" }
            continue
        }
        [pscustomobject]@{ Name = $b.Title; Paragraphs = @(Get-BlockParagraphs $b.Blocks) }
    }
    if (-not $items) { Stop-Doc $File $Section.Line "$($Section.Title) has no '### TypeName' (write '### None' when there is none)" }
    @($items)
}

function Read-RelatedLinks {
    # RELATED LINKS: links, one per line or list item; anything else in the section is refused.
    param([string] $File, [object[]] $Blocks)
    foreach ($b in $Blocks) {
        $paragraphs = if ($b -is [Markdig.Syntax.ListBlock]) { @(foreach ($item in $b) { foreach ($p in $item) { $p } }) } else { @($b) }
        foreach ($p in $paragraphs) {
            if ($p -isnot [Markdig.Syntax.ParagraphBlock]) { Stop-Doc $File (Get-BlockLine $p) "RELATED LINKS holds only links '[Text](uri)', not a $($p.GetType().Name)" }
            $node = $p.Inline.FirstChild
            while ($null -ne $node) {
                if ($node -is [Markdig.Syntax.Inlines.LinkInline] -and -not $node.IsImage) {
                    [pscustomobject]@{ Text = ConvertTo-PlainText $node; Uri = "$($node.Url)" }
                } elseif (-not ($node -is [Markdig.Syntax.Inlines.LineBreakInline] -or ($node -is [Markdig.Syntax.Inlines.LiteralInline] -and -not $node.Content.ToString().Trim()))) {
                    Stop-Doc $File ($node.Line + 1) "related link is not '[Text](uri)': $(ConvertTo-PlainText $p.Inline)"
                }
                $node = $node.NextSibling
            }
        }
    }
}

function Read-CommandDoc {
    param([string] $Path)
    $file = $Path
    $front = Read-MarkdownDoc $Path
    foreach ($key in 'external help file', 'Module Name', 'schema') {
        if (-not $front.Values.Contains($key) -or -not $front.Values[$key]) { Stop-Doc $file 1 "front matter has no '${key}:'" }
    }
    if ($front.Values['schema'] -ne '2.0.0') { Stop-Doc $file 1 "schema must be 2.0.0, not '$($front.Values['schema'])'" }

    $top = @(Split-Sections $front.Blocks 1 $front.Line)
    $titled = @($top | Where-Object { $null -ne $_.Title })
    if ($titled.Count -ne 1) { Stop-Doc $file $front.Line "expected exactly one '# Command-Name' heading, found $($titled.Count)" }
    $name = $titled[0].Title
    $expected = [IO.Path]::GetFileNameWithoutExtension($Path)
    if ($name -ne $expected) { Stop-Doc $file $titled[0].Line "heading '# $name' does not match the file name '$expected'" }
    if ($name -notmatch '^([A-Za-z]+)-(\w+)$') { Stop-Doc $file $titled[0].Line "'$name' is not a Verb-Noun name" }
    $verb = $Matches[1]; $noun = $Matches[2]

    $sections = [ordered]@{}
    foreach ($s in (Split-Sections $titled[0].Blocks 2 $titled[0].Line)) {
        if ($null -eq $s.Title) {
            if (Test-HasContent $s.Blocks) { Stop-Doc $file $s.Line "text before '## SYNOPSIS'" }
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
    $synopsis = @(Get-BlockParagraphs $sections['SYNOPSIS'].Blocks)
    if (-not $synopsis) { Stop-Doc $file $sections['SYNOPSIS'].Line 'SYNOPSIS is empty' }
    $description = @(Get-BlockParagraphs $sections['DESCRIPTION'].Blocks)
    if (-not $description) { Stop-Doc $file $sections['DESCRIPTION'].Line 'DESCRIPTION is empty' }
    $notes = if ($sections.Contains('NOTES')) { @(Get-BlockParagraphs $sections['NOTES'].Blocks) } else { @() }

    # SYNTAX: '### SetName' or '### SetName (Default)', each with one fenced block.
    $syntaxSets = [Collections.Generic.List[object]]::new()
    foreach ($b in (Split-Sections $sections['SYNTAX'].Blocks 3 $sections['SYNTAX'].Line)) {
        if ($null -eq $b.Title) { continue }
        if ($b.Title -notmatch '^(\w+)(\s+\(Default\))?$') { Stop-Doc $file $b.Line "syntax heading '### $($b.Title)' is not a parameter set name" }
        $setName = $Matches[1]
        $codes = @($b.Blocks | Where-Object { Test-CodeBlock $_ })
        if ($codes.Count -ne 1) { Stop-Doc $file $b.Line "syntax for set '$setName' needs exactly one fenced block, found $($codes.Count)" }
        $syntaxSets.Add([pscustomobject]@{ Name = $setName; Line = $b.Line; Text = (@(Get-CodeLines $codes[0]) -join ' '); CodeLine = (Get-BlockLine $codes[0]) })
    }
    if (-not $syntaxSets.Count) { Stop-Doc $file $sections['SYNTAX'].Line "SYNTAX has no '### SetName' with a fenced syntax block" }
    $setNames = @($syntaxSets | ForEach-Object Name)
    $dup = $setNames | Group-Object | Where-Object Count -gt 1 | Select-Object -First 1
    if ($dup) { Stop-Doc $file $sections['SYNTAX'].Line "parameter set '$($dup.Name)' appears twice in SYNTAX" }

    # EXAMPLES: '### Example N: title', code first (any number of fences), the text is the remarks.
    $examples = [Collections.Generic.List[object]]::new()
    foreach ($b in (Split-Sections $sections['EXAMPLES'].Blocks 3 $sections['EXAMPLES'].Line)) {
        if ($null -eq $b.Title) { continue }
        $code = @($b.Blocks | Where-Object { Test-CodeBlock $_ })
        if (-not $code) { Stop-Doc $file $b.Line "example '$($b.Title)' has no fenced code block" }
        $examples.Add([pscustomobject]@{
                Title   = $b.Title
                Code    = (@(foreach ($c in $code) { @(Get-CodeLines $c) -join "`n" }) -join "`n`n")
                Remarks = @(Get-BlockParagraphs @($b.Blocks | Where-Object { -not (Test-CodeBlock $_) }))
            })
    }
    if (-not $examples.Count) { Stop-Doc $file $sections['EXAMPLES'].Line "EXAMPLES has no '### Example 1: ...' with code" }

    # PARAMETERS: '### -Name', description, one yaml block per distinct metadata; '### CommonParameters'.
    $parameters = [Collections.Generic.List[object]]::new()
    foreach ($b in (Split-Sections $sections['PARAMETERS'].Blocks 3 $sections['PARAMETERS'].Line)) {
        if ($null -eq $b.Title) { continue }
        if ($b.Title -eq 'CommonParameters') { continue }
        if ($b.Title -notmatch '^-(\w+)$') { Stop-Doc $file $b.Line "parameter heading '### $($b.Title)' is not '### -Name' or '### CommonParameters'" }
        $pname = $Matches[1]
        if ($parameters | Where-Object Name -eq $pname) { Stop-Doc $file $b.Line "parameter -$pname is documented twice" }
        $yaml = @($b.Blocks | Where-Object { (Test-CodeBlock $_) -and (Get-CodeInfo $_) -eq 'yaml' })
        if (-not $yaml) { Stop-Doc $file $b.Line "parameter -$pname has no yaml block" }
        $desc = @(Get-BlockParagraphs @($b.Blocks | Where-Object { -not (Test-CodeBlock $_) }))
        if (-not $desc) { Stop-Doc $file $b.Line "parameter -$pname has no description" }
        $meta = @(foreach ($y in $yaml) { Read-ParameterYaml $file ([pscustomobject]@{ Line = (Get-BlockLine $y); Lines = @(Get-CodeLines $y) }) $pname })
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
        foreach ($l in (Read-RelatedLinks $file $sections['RELATED LINKS'].Blocks)) { $links.Add($l) }
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
    $front = Read-MarkdownDoc $Path
    $topic = [IO.Path]::GetFileNameWithoutExtension($Path)
    $blocks = @(Split-Sections $front.Blocks 1 $front.Line)
    $titled = @($blocks | Where-Object { $null -ne $_.Title })
    if (-not $titled -or $titled[0].Title -ne $topic) { Stop-Doc $file $front.Line "the first heading must be '# $topic'" }
    $sectionNames = @($titled | Select-Object -Skip 1 | ForEach-Object { $_.Title.ToUpperInvariant() })
    foreach ($required in 'SHORT DESCRIPTION', 'LONG DESCRIPTION') {
        if ($required -notin $sectionNames) { Stop-Doc $file $titled[0].Line "missing required section '# $required'" }
    }

    $out = [Collections.Generic.List[string]]::new()
    $headings = [Collections.Generic.HashSet[int]]::new()
    $headings.Add(0) | Out-Null
    $out.Add('TOPIC')
    $out.Add("    $topic")
    $script:LastAboutParagraphWasItem = $false
    foreach ($section in ($titled | Select-Object -Skip 1)) {
        $out.Add('')
        $headings.Add($out.Count) | Out-Null
        $out.Add($section.Title.ToUpperInvariant())
        foreach ($sub in (Split-Sections $section.Blocks 2 $section.Line)) {
            if ($null -ne $sub.Title) {
                $out.Add('')
                $headings.Add($out.Count) | Out-Null
                $out.Add('  ' + $sub.Title)
            }
            foreach ($item in (Get-BlockItems $sub.Blocks)) {
                switch ($item.Kind) {
                    'code' {
                        $out.Add('')
                        foreach ($c in $item.Lines) { $out.Add($(if ($c) { '        ' + $c } else { '' })) }
                    }
                    'table' { Add-AboutTable $out $item.Rows }
                    'para' { Add-AboutParagraph $out $item.Text $item.Marker }
                }
            }
        }
    }
    # The usual layout: text starts on the line after its heading, blank lines only between paragraphs.
    $final = for ($i = 0; $i -lt $out.Count; $i++) { if ($out[$i] -eq '' -and $headings.Contains($i - 1)) { continue }; $out[$i] }
    [pscustomobject]@{ Topic = $topic; Text = ($final -join "`n") + "`n" }
}

function Add-AboutTable {
    # Tables stay tables: columns padded to the widest cell, no wrapping; too wide for a console, one entry per
    # row with the first cell as its title.
    param([Collections.Generic.List[string]] $Out, [object[]] $Rows)
    $cols = ($Rows | ForEach-Object { $_.Count } | Measure-Object -Maximum).Maximum
    $widths = foreach ($i in 0..($cols - 1)) { ($Rows | ForEach-Object { if ($i -lt $_.Count) { $_[$i].Length } else { 0 } } | Measure-Object -Maximum).Maximum }
    $total = 4 + ($widths | Measure-Object -Sum).Sum + 2 * ($cols - 1)
    if ($total -le 80) {
        $Out.Add('')
        for ($r = 0; $r -lt $Rows.Count; $r++) {
            $cells = foreach ($i in 0..($cols - 1)) { $v = if ($i -lt $Rows[$r].Count) { $Rows[$r][$i] } else { '' }; $v.PadRight($widths[$i]) }
            $Out.Add(('    ' + ($cells -join '  ')).TrimEnd())
            if ($r -eq 0) { $Out.Add(('    ' + (($widths | ForEach-Object { '-' * $_ }) -join '  '))) }
        }
    } else {
        for ($r = 1; $r -lt $Rows.Count; $r++) {
            $Out.Add('')
            $Out.Add('    ' + $Rows[$r][0])
            for ($i = 1; $i -lt [Math]::Min($cols, $Rows[$r].Count); $i++) {
                foreach ($l in (Format-Wrapped "$($Rows[0][$i]): $($Rows[$r][$i])" 8 10)) { $Out.Add($l) }
            }
        }
    }
}

function Add-AboutParagraph {
    param([Collections.Generic.List[string]] $Out, [string] $Paragraph, [string] $Marker)
    # A blank line before each paragraph, except between the items of one list.
    $isItem = [bool]$Marker
    if (-not ($isItem -and $script:LastAboutParagraphWasItem -and $Out.Count -and $Out[$Out.Count - 1] -ne '')) { $Out.Add('') }
    $script:LastAboutParagraphWasItem = $isItem
    if (-not $isItem) {
        foreach ($l in (Format-Wrapped $Paragraph 4)) { $Out.Add($l) }
    } elseif ($Marker -match '^\d') {
        foreach ($l in (Format-Wrapped "$Marker $Paragraph" 4 (5 + $Marker.Length))) { $Out.Add($l) }
    } else {
        foreach ($l in (Format-Wrapped "- $Paragraph" 4 6)) { $Out.Add($l) }
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
