# Help text: every prose line of docs/*.md reaches Get-Help of the built module with every character, so a converter
# that drops a '*' inside a code span, leaks a backtick or loses a sentence fails here. Whitespace and wrapping are
# normalised (Get-Help and about_ topics wrap text their own way); markdown marks are read as markdown.
BeforeDiscovery {
    $docCases = @(Get-ChildItem (Join-Path $env:VCFTASKS_REPO 'docs') -Filter *.md | Sort-Object Name |
            ForEach-Object { @{ Doc = $_.Name; Topic = $_.BaseName; Path = $_.FullName } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'FreshPwsh.ps1')

    function script:Format-Flat {
        param([string] $Text)
        ($Text -replace '\s+', ' ').Trim()
    }

    # The prose of a doc, read independently of the converter: the converter walks Markdig's syntax tree; this
    # renders the doc to HTML with Markdig (CommonMark, pipe tables, front matter) and reads the text a reader
    # sees from that HTML as XML. So code spans keep every character and lose their backticks, a link shows its
    # address in brackets, emphasis and escapes are gone, lines of a paragraph are joined. Not read: the front
    # matter, headings, fenced blocks (syntax, yaml, example code), RELATED LINKS (Get-Help shows link names only)
    # and the CommonParameters boilerplate (Get-Help writes its own). A list item is an entry, and so is each
    # table cell, since about_ topics lay tables out in columns.
    function script:Get-DocProse {
        param([string] $Path)
        if (-not ('Markdig.Markdown' -as [type])) { $null = ConvertFrom-Markdown -InputObject ' ' }
        $builder = [Markdig.MarkdownPipelineBuilder]::new()
        $builder = [Markdig.MarkdownExtensions]::UsePipeTables($builder)
        $builder = [Markdig.MarkdownExtensions]::UseYamlFrontMatter($builder)
        $html = [Markdig.Markdown]::ToHtml([IO.File]::ReadAllText($Path), $builder.Build())
        $xml = [xml]::new()
        $xml.PreserveWhitespace = $true
        $xml.LoadXml("<doc>$html</doc>")
        $script:SkipProse = $false
        foreach ($text in (Get-HtmlEntries $xml.DocumentElement)) { Format-Flat $text }
    }

    function script:Get-HtmlEntries {
        param([Xml.XmlNode] $Node)
        foreach ($child in $Node.ChildNodes) {
            if ($child.NodeType -ne 'Element') { continue }
            $name = $child.LocalName
            if ($name -match '^h[1-6]$') { $script:SkipProse = (Get-ShownText $child).Trim() -in 'RELATED LINKS', 'CommonParameters'; continue }
            if ($script:SkipProse -or $name -in 'pre', 'hr') { continue }
            if ($name -in 'p', 'li', 'th', 'td') {
                $own = Get-ShownText $child
                if ($own.Trim()) { $own }
            }
            # Blocks inside: the paragraphs of a loose list item, a nested list, a table's rows.
            Get-HtmlEntries $child
        }
    }

    function script:Get-ShownText {
        # The text of an element without the blocks inside it (they are entries of their own).
        param([Xml.XmlNode] $Node)
        $text = [Text.StringBuilder]::new()
        foreach ($child in $Node.ChildNodes) {
            if ($child.NodeType -ne 'Element') { $null = $text.Append($child.Value); continue }
            if ($child.LocalName -in 'p', 'ul', 'ol', 'pre', 'table', 'thead', 'tbody', 'tr', 'blockquote') { continue }
            $null = $text.Append((Get-ShownText $child))
            if ($child.LocalName -eq 'a') { $null = $text.Append(" ($($child.GetAttribute('href')))") }
        }
        $text.ToString()
    }
}

Describe 'Help text of <Doc>' -ForEach $docCases {
    BeforeAll {
        $help = Format-Flat (Get-Help $Topic -Full | Out-String -Width 10000)
        $prose = @(Get-DocProse $Path)
    }

    It 'has prose to check' {
        $prose.Count | Should -BeGreaterThan 5
    }

    It 'shows every prose line of the doc in Get-Help, every character kept' {
        $missing = @($prose | Where-Object { -not $help.Contains($_) } | ForEach-Object { "${Doc}: $_" })
        $missing | Should -BeNullOrEmpty -Because 'Get-Help must say what docs/ says'
    }
}

Describe 'The help-text check itself' {
    BeforeAll {
        $script:Sample = Join-Path $TestDrive 'sample.md'
        Set-Content -LiteralPath $script:Sample -Value @(
            '---', 'external help file: x.dll-Help.xml', '---', '', '# Sample', '', '## DESCRIPTION', ''
            'wildcards `*`, `?` and `-Name ''Add host*''`, **bold**, *em*, [a](b), \*escaped\*,'
            'a second line of the same paragraph, PATCH /v1/tasks/{id}.', ''
            '- an item', '- another with `code`', '', '| Column | Other |', '|---|---|', '| cell one | cell `two` |', ''
            '```powershell', 'Get-Code -Not prose', '```', '', '### CommonParameters', '', 'boilerplate', ''
            '## RELATED LINKS', '', '[Link](https://example.com)')
    }

    It 'reads what a reader sees: code spans keep their star, links their address, marks and escapes go' {
        (Get-DocProse $script:Sample)[0] |
            Should -BeExactly "wildcards *, ? and -Name 'Add host*', bold, em, a (b), *escaped*, a second line of the same paragraph, PATCH /v1/tasks/{id}."
    }

    It 'reads list items and table cells one by one, and no front matter, heading, code, boilerplate or link' {
        @(Get-DocProse $script:Sample | Select-Object -Skip 1) | Should -Be @('an item', 'another with code', 'Column', 'Other', 'cell one', 'cell two')
    }
}

Describe 'What the help says is what the module does' {
    It 'Stop-VcfTask never says that a cancellation it asked for writes VcfTaskFailed' {
        $wait = (Get-Help Stop-VcfTask -Parameter Wait).description.Text -join ' '
        $wait | Should -Not -Match 'VcfTaskFailed error a cancelled task writes'
        $wait | Should -Match 'ends Cancelled, as asked, is written with no error'
        $full = Format-Flat (Get-Help Stop-VcfTask -Full | Out-String -Width 10000)
        $full | Should -Not -Match 'VcfTaskFailed \(InvalidResult\), the task ended Cancelled'
        $full | Should -Match 'ends Cancelled, as asked, writes no error'
    }

    It 'about_VcfTasks says what -Debug does in a non-interactive host, and that is what the cmdlets do' {
        $about = Format-Flat (Get-Help about_VcfTasks | Out-String)
        $about | Should -Match 'started with -NonInteractive'
        $about | Should -Match 'the command goes on'
        # The claim, checked in a fresh non-interactive pwsh on a replayed connection: -Debug writes the verbose
        # message it used to stop at, and the task is read. (Debug.Tests.ps1 checks every kind of message.)
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$env:VCFTASKS_MODULE'
`$null = Connect-VcfSddcManager -Server sfo -FixturePath '$(Join-Path $env:VCFTASKS_FIXTURES seed.fixture.json)'
try { `$t = Get-VcfTask -Id $script:SeedGetId -Debug 4>&1 | ForEach-Object { if (`$_ -is [System.Management.Automation.VerboseRecord]) { 'verbose: ' + `$_.Message } else { "debug: read `$(`$_.Id)" } } ; `$t } catch { "debug: `$(`$_.FullyQualifiedErrorId)" }
"@
        $out = Invoke-FreshPwsh $script
        $out | Should -Contain "debug: read $script:SeedGetId"
        @($out -match "^verbose: GET /v1/tasks/$script:SeedGetId ").Count | Should -Be 1
    }
}
