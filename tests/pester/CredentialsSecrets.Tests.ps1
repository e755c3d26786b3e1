# No password of a credentials task ever shows (issue 15): the old and new passwords the credentials API sends on
# every subtask, the passwords resource-credentials gives back (REMEDIATE), and the passwords of -CredentialsSpec
# (text and SecureString). They are canaries: read here from the server's own answers (or made here), then looked
# for in each place a user could see them, one test per place. The commands run once, with -Verbose -Debug, on a
# connection that records to a fixture (-RecordPath).
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $env:VCFTASKS_REPO 'tools/VcfSimulator.psm1') -Force
    $sim = Start-VcfSimulator -Tasks 200 -Seed 3 -StepMs 100 -RetryFailurePercent 0

    $pair = Invoke-RestMethod -Method Post -Uri "$($sim.Url)/v1/tokens" -SkipCertificateCheck -ContentType 'application/json' `
        -Body (@{ username = $sim.Username; password = $sim.Password } | ConvertTo-Json)
    function script:Get-Raw { param([string] $Path) Invoke-RestMethod -Uri "$($sim.Url)$Path" -SkipCertificateCheck -Headers @{ Authorization = "Bearer $($pair.accessToken)" } }

    # The canaries: every subtask password the server sends, the passwords resource-credentials gives back for the
    # failed REMEDIATE tasks, and the passwords given with -CredentialsSpec.
    $raw = @((Get-Raw '/v1/credentials/tasks').elements)
    $script:SubtaskPasswords = @($raw.subTasks | ForEach-Object { $_.oldPassword; $_.newPassword } | Where-Object { $_ })
    $remediate = @($raw | Where-Object { $_.type -eq 'REMEDIATE' -and $_.status -eq 'FAILED' -and $_.subTasks.Count -gt 0 })
    $script:ResourcePasswords = @($remediate | ForEach-Object { (Get-Raw "/v1/credentials/tasks/$($_.id)/resource-credentials").credentials.password } | Where-Object { $_ })
    $script:SpecText = 'SpecText-' + [guid]::NewGuid().ToString('N')
    $script:SpecSecure = 'SpecSecure-' + [guid]::NewGuid().ToString('N')
    $script:Canaries = @($SubtaskPasswords) + @($ResourcePasswords) + @($SpecText, $SpecSecure)

    # Each canary found in $Text, as "<kind> canary at: …text around it…" (the canary itself masked).
    function script:Find-Canary {
        param([string] $Text)
        foreach ($c in $Canaries) {
            $i = $Text.IndexOf($c, [StringComparison]::Ordinal)
            if ($i -ge 0) {
                $from = [math]::Max(0, $i - 60)
                "canary at: " + ($Text.Substring($from, [math]::Min($Text.Length - $from, 140)).Replace($c, '<CANARY>') -replace '\s+', ' ')
            }
        }
    }

    $script:Record = Join-Path $TestDrive 'credentials.json'
    $c = Connect-VcfSddcManager -Server $sim.Url -Credential (Get-VcfSimulatorCredential $sim) -CertificateThumbprint $sim.Thumbprint -RecordPath $Record
    $common = @{ Verbose = $true; Debug = $true }
    $failed = @(Get-VcfCredentialTask -Status Failed | Where-Object { $_.SubTasks.Count -gt 0 })
    $update = @($failed | Where-Object OperationType -eq 'UPDATE')
    $spec = {
        param($Task, $Password)
        @{ operationType = 'UPDATE'; elements = @(@{ resourceName = $Task.Resources[0].Name; resourceType = 'ESXI'
            credentials = @(@{ credentialType = 'SSH'; username = 'root'; password = $Password }) }) }
    }

    # The previews (-WhatIf writes to the host: read back from a transcript), with the server's REMEDIATE passwords
    # and -CredentialsSpec passwords in the specs they describe.
    $script:Transcript = Join-Path $TestDrive 'whatif.txt'
    $null = Start-Transcript -Path $Transcript
    try {
        @($failed | Where-Object OperationType -eq 'REMEDIATE')[0] | Invoke-VcfTaskRetry -WhatIf
        $update[0] | Invoke-VcfTaskRetry -CredentialsSpec (& $spec $update[0] $SpecText) -WhatIf
        $update[0] | Invoke-VcfTaskRetry -CredentialsSpec (& $spec $update[0] (ConvertTo-SecureString $SpecSecure -AsPlainText -Force)) -Confirm:$false -WhatIf
        $update[0] | Stop-VcfTask -WhatIf
    }
    finally { $null = Stop-Transcript }

    # Every stream of every command: objects, errors, warnings, verbose, debug, information.
    $script:Captured = & {
        $DebugPreference = 'Continue'
        $script:Tasks = @(Get-VcfCredentialTask @common)
        $Tasks
        Get-VcfCredentialTask -Id $failed[0].Id @common
        $remediate = @($failed | Where-Object OperationType -eq 'REMEDIATE')
        $remediate[0] | Invoke-VcfTaskRetry -WhatIf @common
        $remediate[0] | Invoke-VcfTaskRetry -Wait -TimeoutSec 60 @common
        $update[0] | Invoke-VcfTaskRetry -ErrorAction Continue @common
        $update[0] | Invoke-VcfTaskRetry -CredentialsSpec (& $spec $update[0] $SpecText) -WhatIf @common
        $update[0] | Invoke-VcfTaskRetry -CredentialsSpec (& $spec $update[0] $SpecText) -PassThru @common
        $update[1] | Invoke-VcfTaskRetry -CredentialsSpec (& $spec $update[1] (ConvertTo-SecureString $SpecSecure -AsPlainText -Force)) -Wait -TimeoutSec 60 @common
        # A spec refused for its shape still holds a password: the error must not show it.
        $bad = & $spec $update[2] $SpecText
        $bad.elements[0].credentials[0].pasword = $SpecText
        try { $update[2] | Invoke-VcfTaskRetry -CredentialsSpec $bad @common } catch { $_ }
        @($failed | Where-Object OperationType -eq 'ROTATE')[0] | Stop-VcfTask -Confirm:$false -Wait -TimeoutSec 30 @common
        $script:After = @(Get-VcfCredentialTask @common)
        $After
    } *>&1
    Disconnect-VcfSddcManager -Server $c
}
AfterAll { if ($sim) { Stop-VcfSimulator $sim } }

Describe 'Credentials passwords never show' {
    It 'the canaries are real: the server sent subtask passwords and REMEDIATE passwords, and the commands ran' {
        $SubtaskPasswords.Count | Should -BeGreaterThan 20
        $ResourcePasswords.Count | Should -BeGreaterThan 0
        $Tasks.Count | Should -BeGreaterThan 10
        @($Captured | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | ForEach-Object { $_.FullyQualifiedErrorId -replace ',.*$' }) |
            Should -Be @('VcfCredentialsSpecRequired', 'VcfInvalidCredentialsSpec')
        @($Captured | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and "$_" -match 'accepted \(PATCH /v1/credentials/tasks/' }).Count | Should -Be 3
    }

    It 'the objects do not carry them (every field of every credentials task, subtask and resource, at every depth)' {
        $seen = [System.Collections.Generic.HashSet[object]]::new([System.Collections.Generic.ReferenceEqualityComparer]::Instance)
        $flags = [System.Reflection.BindingFlags]'Public, NonPublic, Instance'
        $strings = [System.Collections.Generic.List[string]]::new()
        $queue = [System.Collections.Generic.Queue[object]]::new()
        foreach ($t in @($Tasks) + @($After)) { $queue.Enqueue($t) }
        while ($queue.Count -gt 0) {
            $o = $queue.Dequeue()
            if ($null -eq $o -or -not $seen.Add($o)) { continue }
            if ($o -is [string]) { $strings.Add($o); continue }
            if ($o -is [VcfTasks.VcfConnection] -or $o.GetType().IsPrimitive) { continue }   # the connection's own secrets are Secrets.Tests'
            if ($o -is [System.Collections.IEnumerable]) { foreach ($item in $o) { $queue.Enqueue($item) } }
            for ($type = $o.GetType(); $null -ne $type -and $type.Namespace -like 'VcfTasks*'; $type = $type.BaseType) {
                foreach ($f in $type.GetFields($flags)) { $queue.Enqueue($f.GetValue($o)) }
            }
        }
        $strings.Count | Should -BeGreaterThan 100
        Find-Canary ($strings -join "`n") | Should -BeNullOrEmpty
    }

    It 'output and format views (table, list, Format-List *, Format-Table *) do not show them' {
        $text = @(
            $Tasks | Out-String -Width 400
            $Tasks | Format-List | Out-String -Width 400
            $Tasks | Format-List * -Force | Out-String -Width 400
            $Tasks | Format-Table * | Out-String -Width 400
            $Tasks.SubTasks | Format-List * -Force | Out-String -Width 400
            $Tasks.Resources | Format-List * -Force | Out-String -Width 400
            $Tasks.Resources.Credentials | Format-List * -Force | Out-String -Width 400
        ) -join "`n"
        $text | Should -Match 'SSH root'
        Find-Canary $text | Should -BeNullOrEmpty
    }

    It 'JSON export does not hold them' {
        $json = $Tasks | ConvertTo-Json -Depth 12 -WarningAction SilentlyContinue
        $json | Should -Match '"OperationType"'
        Find-Canary $json | Should -BeNullOrEmpty
    }

    It 'CSV export does not hold them' {
        # Each kind of object in its own file: Export-Csv -Append would keep only the first kind's columns.
        $csv = @(
            foreach ($set in @{ Name = 'tasks'; Items = $Tasks }, @{ Name = 'subtasks'; Items = $Tasks.SubTasks }, @{ Name = 'resources'; Items = $Tasks.Resources }) {
                $path = Join-Path $TestDrive "$($set.Name).csv"
                $set.Items | Export-Csv $path
                Get-Content -Raw $path
            }
        ) -join "`n"
        $csv | Should -Match 'ResourceName'
        $csv | Should -Match 'SSH root'
        Find-Canary $csv | Should -BeNullOrEmpty
    }

    It 'Clixml export does not hold them' {
        $path = Join-Path $TestDrive 'tasks.xml'
        $Tasks | Export-Clixml $path -Depth 12
        $xml = Get-Content -Raw $path
        $xml | Should -Match 'OperationType'
        Find-Canary $xml | Should -BeNullOrEmpty
    }

    It 'verbose, debug, warning, information and error text (with the exceptions and recommended actions) does not show them' {
        $text = @($Captured | ForEach-Object {
            if ($_ -is [System.Management.Automation.ErrorRecord]) {
                "$_"; $_.Exception.ToString(); $_.ErrorDetails.Message; $_.ErrorDetails.RecommendedAction
                $_ | Format-List * -Force | Out-String -Width 400
                $_.Exception | Format-List * -Force | Out-String -Width 400
            }
            elseif ($_ -is [System.Management.Automation.InformationalRecord]) { $_.Message }
            else { $_ | Out-String -Width 400 }
        }) -join "`n"
        $text | Should -Match 'PATCH /v1/credentials/tasks/'
        $text | Should -Match 'DELETE /v1/credentials/tasks/'
        Find-Canary $text | Should -BeNullOrEmpty
    }

    It 'the -WhatIf previews (of the server''s spec and of -CredentialsSpec) do not show them' {
        $previews = @(Get-Content $Transcript | Where-Object { $_ -like 'What if:*' })
        $previews.Count | Should -Be 4
        ($previews -join "`n") | Should -Match 'Retry REMEDIATE of .* with the spec SDDC Manager gave back'
        ($previews -join "`n") | Should -Match 'Retry UPDATE of .* \(SSH root\) with -CredentialsSpec'
        Find-Canary (Get-Content -Raw $Transcript) | Should -BeNullOrEmpty
    }

    It 'the -RecordPath recording does not hold them' {
        $recorded = Get-Content -Raw $Record
        $recorded | Should -Match '/v1/credentials/tasks'
        $recorded | Should -Match 'resource-credentials'
        Find-Canary $recorded | Should -BeNullOrEmpty
    }
}
