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

    # Markdown inline marks to the text a reader sees: code spans keep every character but their backticks, links
    # keep their address in brackets, emphasis marks and backslash escapes go.
    function script:ConvertFrom-InlineMarkdown {
        param([string] $Text)
        $codes = [Collections.Generic.List[string]]::new()
        $t = [regex]::Replace($Text, '(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)', {
                param($m)
                $c = $m.Groups[2].Value
                if ($c.Length -ge 2 -and $c[0] -eq ' ' -and $c[-1] -eq ' ' -and $c.Trim()) { $c = $c.Substring(1, $c.Length - 2) }
                $codes.Add($c)
                "`u{E000}$($codes.Count - 1)`u{E001}"
            })
        $t = $t -replace '\[([^\]]+)\]\(([^)]+)\)', '$1 ($2)'
        $t = $t -replace '\*\*([^*]+)\*\*', '$1' -replace '(?<![\w*])\*([^*\s][^*]*)\*(?![\w*])', '$1'
        $t = $t -replace '\\([\\`*_{}\[\]()#+\-.!<>|])', '$1'
        [regex]::Replace($t, "`u{E000}(\d+)`u{E001}", { param($m) $codes[[int]$m.Groups[1].Value] })
    }

    # The prose of a doc as paragraphs (lines joined as markdown joins them), each with its first line number:
    # not the front matter, headings, fenced blocks (syntax, yaml, example code), RELATED LINKS (Get-Help shows
    # link names only) or the CommonParameters boilerplate (Get-Help writes its own). A table row gives one entry
    # per cell, since about_ topics lay tables out in columns.
    function script:Get-DocProse {
        param([string] $Path)
        $lines = @((Get-Content -LiteralPath $Path) | ForEach-Object { $_.TrimEnd() })
        $i = 0
        if ($lines[0] -eq '---') { $i = 1; while ($lines[$i] -ne '---') { $i++ }; $i++ }
        $inFence = $false; $skip = $false
        $para = $null
        $entries = [Collections.Generic.List[object]]::new()
        $flush = { if ($para) { $entries.Add($para) }; Set-Variable para $null -Scope 1 }
        for (; $i -lt $lines.Count; $i++) {
            $line = $lines[$i]; $n = $i + 1
            if ($line -match '^\s*(```|~~~)') { & $flush; $inFence = -not $inFence; continue }
            if ($inFence) { continue }
            if ($line -match '^#+\s+(.*)$') {
                & $flush
                $skip = $Matches[1] -in 'RELATED LINKS', 'CommonParameters'
                continue
            }
            if ($skip) { continue }
            if ($line -match '^\s*$') { & $flush; continue }
            if ($line -match '^\s*\|') {
                & $flush
                if ($line -match '^\s*\|[\s:|-]+\|\s*$') { continue }
                foreach ($cell in ($line.Trim().Trim('|') -split '(?<!\\)\|')) {
                    if ($cell.Trim()) { $entries.Add([pscustomobject]@{ Line = $n; Text = $cell.Trim() }) }
                }
                continue
            }
            if ($line -match '^\s*([-*+]|\d+\.)\s+') { & $flush }
            if ($para) { $para.Text += ' ' + $line.Trim() } else { $para = [pscustomobject]@{ Line = $n; Text = $line.Trim() } }
        }
        & $flush
        foreach ($e in $entries) { [pscustomobject]@{ Line = $e.Line; Text = Format-Flat (ConvertFrom-InlineMarkdown $e.Text) } }
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
        $missing = @($prose | Where-Object { -not $help.Contains($_.Text) } | ForEach-Object { "${Doc}:$($_.Line): $($_.Text)" })
        $missing | Should -BeNullOrEmpty -Because 'Get-Help must say what docs/ says'
    }
}

Describe 'The help-text check itself' {
    It 'reads a code span with a star as text: `*` and ''Add host*'' keep their star' {
        ConvertFrom-InlineMarkdown 'wildcards `*`, `?` and `-Name ''Add host*''`, **bold**, *em*, [a](b)' |
            Should -BeExactly "wildcards *, ? and -Name 'Add host*', bold, em, a (b)"
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
