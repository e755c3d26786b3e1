# Secrets never leak: a canary password, the API key, the access tokens and the refresh token ids of every
# connection are looked for in everything the module shows: all streams of every cmdlet run with -Verbose
# -Debug, the error records and their exceptions, $Error, the formatted objects and a recorded fixture.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module (Join-Path $env:VCFTASKS_REPO 'tools/VcfSimulator.psm1') -Force

    $canary = 'Canary-Pw-' + [guid]::NewGuid().ToString('N')
    $user = 'canary-admin@vsphere.local'
    $sim = Start-VcfSimulator -Tasks 80 -Seed 5 -StepMs 100 -RetryFailurePercent 0 -ExtraArgument '--username', $user, '--password', $canary

    # Control calls and our own token request run without debug output: Invoke-RestMethod -Debug would print
    # the password and tokens of the test itself.
    function Invoke-Control { param($Method, $Path, $Body) $DebugPreference = 'SilentlyContinue'; Invoke-VcfSimulatorControl $sim $Method $Path $Body }
    function Add-SimFault { param([hashtable] $Fault) $null = Invoke-Control POST /_sim/faults $Fault }

    # The tokens a connection holds right now, read from its session by reflection (test-only): every private
    # string of the session, i.e. the access token and the refresh token id.
    function Get-SessionSecret {
        param($Connection)
        $flags = [System.Reflection.BindingFlags]'NonPublic, Instance'
        $session = $Connection.GetType().GetField('_session', $flags).GetValue($Connection)
        foreach ($field in $session.GetType().GetFields($flags)) {
            if ($field.FieldType -eq [string]) { $field.GetValue($session) }
        }
    }

    # Each place the text shows a JWT, a bearer value or one of the given patterns, with a little of the text
    # around it (secrets in it masked), so that a failure says where without printing the whole capture.
    function Find-Leak {
        param([string] $Text, [string[]] $Pattern = @())
        $found = foreach ($p in @('eyJ[A-Za-z0-9_-]+\.', '(?i)bearer\s+[A-Za-z0-9_.~+/-]{16,}') + $Pattern) {
            foreach ($m in [regex]::Matches($Text, $p)) {
                $from = [math]::Max(0, $m.Index - 80)
                $around = $Text.Substring($from, [math]::Min($Text.Length - $from, $m.Length + 120))
                ($around -replace 'eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*', '<JWT>' -replace [regex]::Escape($canary), '<CANARY>' -replace '\s+', ' ')
            }
        }
        @($found | Select-Object -Unique)
    }

    # Everything a user could see of a captured item, as text.
    function ConvertTo-SeenText {
        param($Item)
        if ($null -eq $Item) { return }
        $Item | Out-String -Width 500
        if ($Item -is [System.Management.Automation.ErrorRecord]) {
            $Item.ToString()
            $Item.Exception.ToString()
            $Item.ErrorDetails.Message
            $Item.ErrorDetails.RecommendedAction
            $Item.TargetObject | Out-String
            $Item | Format-List * -Force | Out-String -Width 500
            $Item.Exception | Format-List * -Force | Out-String -Width 500
        }
        elseif ($Item -is [System.Exception]) {
            $Item.ToString()
        }
        elseif ($Item -is [System.Management.Automation.InformationalRecord]) {
            $Item.Message
        }
        elseif ($Item -is [System.Management.Automation.ProgressRecord]) {
            "$($Item.Activity) $($Item.StatusDescription) $($Item.CurrentOperation)"
        }
        else {
            $Item | Format-List * -Force | Out-String -Width 500
        }
    }
}
AfterAll { if ($sim) { Stop-VcfSimulator $sim } }

Describe 'Secrets never leak' {
    It 'the canary password, the API key, the tokens and the refresh token ids appear in no stream, error, $Error entry or recorded fixture' {
        $record = Join-Path $TestDrive 'recorded.json'
        $cred = [pscredential]::new($user, (ConvertTo-SecureString $canary -AsPlainText -Force))
        $secrets = [System.Collections.Generic.HashSet[string]]::new()
        $seen = [System.Collections.Generic.List[object]]::new()
        $caught = [System.Collections.Generic.List[object]]::new()
        $common = @{ Verbose = $true; Debug = $true }
        $Error.Clear()

        # An access token of our own, for an -AccessToken connection: it too must never be shown.
        $pair = Invoke-RestMethod -Method Post -Uri "$($sim.Url)/v1/tokens" -SkipCertificateCheck -ContentType 'application/json' `
            -Body (@{ username = $user; password = $canary } | ConvertTo-Json)
        $null = $secrets.Add($pair.accessToken)
        $null = $secrets.Add($pair.refreshToken.id)

        $captured = & {
            $DebugPreference = 'Continue'   # -Debug must not prompt
            $conn = Connect-VcfSddcManager -Server $sim.Url -Credential $cred -CertificateThumbprint $sim.Thumbprint -RecordPath $record @common
            $conn
            $keyConn = Connect-VcfSddcManager -Server $sim.Url -ApiKey (ConvertTo-SecureString $sim.ApiKey -AsPlainText -Force) -CertificateThumbprint $sim.Thumbprint -NotDefault @common
            $keyConn
            $tokenConn = Connect-VcfSddcManager -Server $sim.Url -AccessToken (ConvertTo-SecureString $pair.accessToken -AsPlainText -Force) -CertificateThumbprint $sim.Thumbprint -NotDefault @common
            $tokenConn
            foreach ($x in $conn, $keyConn) { Get-SessionSecret $x | ForEach-Object { $null = $secrets.Add($_) } }

            $all = @(Get-VcfTask @common)
            $all | Select-Object -First 3
            Get-VcfTask -Server $keyConn -First 2 @common
            Get-VcfTask -Server $tokenConn -First 2 @common
            $failed = @($all | Where-Object { $_.Status -eq 'Failed' -and $_.IsRetryable -and -not $_.IsCredentialsTask })
            $running = @($all | Where-Object { $_.Status -eq 'In Progress' -and $_.IsCancellable })
            Get-VcfTask -Id $failed[0].Id @common
            Get-VcfTask -Id ([guid]::NewGuid().ToString()) -ErrorAction Continue @common

            Invoke-VcfTaskRetry -Id $failed[0].Id -PassThru @common
            $failed[1] | Invoke-VcfTaskRetry -Wait -TimeoutSec 20 @common
            Stop-VcfTask -Id $running[0].Id -Force -PassThru @common
            $running[1] | Stop-VcfTask -Force -Wait -TimeoutSec 10 -ErrorAction Continue @common
            Wait-VcfTask -Id $failed[0].Id -TimeoutSec 20 @common
            Wait-VcfTask -Id $running[2].Id -TimeoutSec 1 -ErrorAction Continue @common

            # Renewals: a refresh, then a new login with the password after the refresh token is rejected.
            $null = Invoke-Control POST /_sim/tokens/expire
            Get-VcfTask -Id $failed[2].Id @common
            foreach ($x in $conn, $keyConn) { Get-SessionSecret $x | ForEach-Object { $null = $secrets.Add($_) } }
            $null = Invoke-Control POST /_sim/tokens/revoke-refresh
            $null = Invoke-Control POST /_sim/tokens/expire
            Get-VcfTask -Id $failed[2].Id @common
            Get-VcfTask -Server $keyConn -Id $failed[2].Id @common
            foreach ($x in $conn, $keyConn) { Get-SessionSecret $x | ForEach-Object { $null = $secrets.Add($_) } }

            # Error bodies that echo the token: JSON with a message, plain text, on a GET and on a PATCH.
            Add-SimFault @{ method = 'GET'; path = "/v1/tasks/$($failed[3].Id)"; count = 1; kind = 'status'; status = 400
                body = '{"errorCode":"ECHO","message":"token was {authorization}","referenceToken":"ECHO1"}' }
            Get-VcfTask -Id $failed[3].Id -ErrorAction Continue @common
            Add-SimFault @{ method = 'GET'; path = "/v1/tasks/$($failed[3].Id)"; count = 1; kind = 'status'; status = 403
                contentType = 'text/plain'; body = 'Forbidden for {authorization} (header was Authorization: {authorization})' }
            Get-VcfTask -Id $failed[3].Id -ErrorAction Continue @common
            Add-SimFault @{ method = 'PATCH'; path = "/v1/tasks/$($failed[3].Id)"; count = 1; kind = 'status'; status = 500
                body = '{"errorCode":"ECHO","message":"{authorization}","causes":[{"type":"x","message":"{authorization}"}]}' }
            Invoke-VcfTaskRetry -Id $failed[3].Id -ErrorAction Continue @common
            Add-SimFault @{ method = 'GET'; path = '/v1/tasks'; count = 1; kind = 'status'; status = 400
                body = '{"errorCode":"ECHO","message":"listing refused for {authorization}"}' }
            try { Get-VcfTask @common } catch { $caught.Add($_) }

            # The -AccessToken connection, expired: a terminating authentication error.
            try { Get-VcfTask -Server $tokenConn -Id $failed[4].Id @common } catch { $caught.Add($_) }

            Disconnect-VcfSddcManager -Server $keyConn @common
            Disconnect-VcfSddcManager -Server $tokenConn @common
            Disconnect-VcfSddcManager @common
            # A call after disconnecting, for its error text too.
            try { Get-VcfTask -Id $failed[4].Id @common } catch { $caught.Add($_) }
        } *>&1

        # Progress records are not redirectable: a wait in its own pipeline, to read them as well.
        $c2 = Connect-VcfSddcManager -Server $sim.Url -Credential $cred -CertificateThumbprint $sim.Thumbprint -NotDefault
        Get-SessionSecret $c2 | ForEach-Object { $null = $secrets.Add($_) }
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript('param($Conn, $Ids) Import-Module $env:VCFTASKS_MODULE; $Ids | Wait-VcfTask -Server $Conn -TimeoutSec 2 -Verbose -Debug').
                AddArgument($c2).AddArgument(@(Get-VcfTask -Server $c2 -First 3).Id)
            $seen.AddRange([object[]]@($ps.Invoke()))
            foreach ($stream in 'Error', 'Warning', 'Verbose', 'Debug', 'Information', 'Progress') { $seen.AddRange([object[]]@($ps.Streams.$stream)) }
        }
        finally {
            $ps.Dispose()
            Disconnect-VcfSddcManager -Server $c2
        }

        $seen.AddRange([object[]]@($captured))
        $seen.AddRange([object[]]@($caught))
        $seen.AddRange([object[]]@($Error))
        $text = (@($seen | ForEach-Object { ConvertTo-SeenText $_ }) + @(Get-Content -Raw $record)) -join "`n"

        # The capture is not empty: requests, renewals, errors and the echo faults are all in it.
        $text | Should -Match 'GET /v1/tasks'
        $text | Should -Match 'PATCH /v1/tokens/access-token/refresh'
        $text | Should -Match 'logging in again'
        $text | Should -Match 'ECHO'
        @($captured | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 20
        @($captured | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Count | Should -BeGreaterOrEqual 5
        @($caught).Count | Should -Be 3
        $secrets.Count | Should -BeGreaterOrEqual 8

        $leaks = Find-Leak $text (@([regex]::Escape($canary), [regex]::Escape($sim.ApiKey)) + @($secrets | Where-Object { $_ } | ForEach-Object { [regex]::Escape($_) }))
        if ($env:VCFTASKS_LEAKS) { $leaks | Set-Content $env:VCFTASKS_LEAKS }
        $leaks | Select-Object -Unique | Should -BeNullOrEmpty
    }

    It 'an error body whose <Field> echoes the token: the token is shown nowhere in the error' -ForEach @(
        @{ Field = 'message'; Body = '{"errorCode":"ECHO","message":"token {authorization}"}' }
        @{ Field = 'remediationMessage'; Body = '{"errorCode":"ECHO","message":"m","remediationMessage":"send {authorization} again"}' }
        @{ Field = 'causes'; Body = '{"errorCode":"ECHO","message":"m","causes":[{"type":"t","message":"cause {authorization}"}]}' }
        @{ Field = 'nestedErrors'; Body = '{"errorCode":"ECHO","message":"m","nestedErrors":[{"errorCode":"N","message":"nested {authorization}"}]}' }
        @{ Field = 'arguments and context'; Body = '{"errorCode":"ECHO","message":"m","arguments":["{authorization}"],"context":{"auth":"{authorization}"}}' }
        @{ Field = 'referenceToken'; Body = '{"errorCode":"ECHO","message":"m","referenceToken":"{authorization}"}' }
        @{ Field = 'non-JSON body'; Body = '<html><body>401 for {authorization}</body></html>' }
    ) {
        $conn = Connect-VcfSddcManager -Server $sim.Url -Credential ([pscredential]::new($user, (ConvertTo-SecureString $canary -AsPlainText -Force))) -CertificateThumbprint $sim.Thumbprint -NotDefault
        $id = (Get-VcfTask -Server $conn -First 1).Id
        Add-SimFault @{ method = 'GET'; path = "/v1/tasks/$id"; count = 1; kind = 'status'; status = 400; body = $Body; contentType = $(if ($Body -like '<html>*') { 'text/html' } else { 'application/json' }) }
        Get-VcfTask -Server $conn -Id $id -ErrorVariable errs -ErrorAction SilentlyContinue -Verbose -Debug *>&1 | Out-Null
        Get-ErrorId $errs | Should -Be @('VcfServerError')
        $text = @(ConvertTo-SeenText $errs[0]) -join "`n"
        Find-Leak $text | Should -BeNullOrEmpty
        Disconnect-VcfSddcManager -Server $conn
    }

    It 'the simulator''s request log itself never holds them either (what the other tests compare against)' {
        $log = Invoke-VcfSimulatorControl $sim GET /_sim/requests | ConvertTo-Json -Depth 5
        $log | Should -Not -Match ([regex]::Escape($canary))
        $log | Should -Not -Match 'eyJ[A-Za-z0-9_-]+\.'
    }
}
