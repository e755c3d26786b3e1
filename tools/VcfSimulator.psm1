<#
    Starts and stops the SDDC Manager simulator (out/VcfTasks.Simulator) as a child process, for the demo,
    the integration tests, the sample runbook and the benchmarks. The simulator serves on 127.0.0.1 only,
    prints one JSON line first, and exits when its standard input closes: Stop-VcfSimulator closes it and
    waits, then kills the process only if it did not go.
#>

function Start-VcfSimulator {
    [CmdletBinding()]
    param(
        # VCFTASKS_SIMULATOR points elsewhere when out/ is being rebuilt (e.g. by a parallel build).
        [string] $SimulatorPath = $(if ($env:VCFTASKS_SIMULATOR) { $env:VCFTASKS_SIMULATOR } else { Join-Path $PSScriptRoot '../out/VcfTasks.Simulator/VcfTasks.Simulator.dll' }),
        [int] $Tasks = 50,
        [int] $Seed = 7,
        [int] $StepMs = 500,
        [int] $TokenLifetimeSeconds = 3600,
        [int] $LatencyMs = 0,
        [int] $RetryFailurePercent = 20,
        # The SDDC Manager version whose tasks API the simulator plays (see src/VcfTasks.Simulator/README.md).
        [ValidateSet('4.5', '5.2', '9.0')] [string] $Api = '9.0',
        # Write tasks as a server that is not ours: explicit nulls, wrong kinds, unknown fields, every timestamp form.
        [switch] $Quirks,
        # Two broken records among the tasks: a bare number and a FAILED task without an id.
        [switch] $JunkElements,
        # The "now" generated timestamps count back from; two simulators with one seed and anchor hold the same tasks.
        [Nullable[DateTimeOffset]] $Anchor,
        # Paging of a server that is not SDDC Manager (issue 13; see src/VcfTasks.Simulator/README.md): pages counted
        # from 1, a fixed or capped page size, partial or contradicting pageMetadata.
        [ValidateSet(0, 1)] [int] $PageBase = 0,
        [int] $PageSizeServed = 0,
        [int] $PageSizeCap = 0,
        [ValidateSet('full', 'no-total-pages', 'no-total-elements', 'none', 'contradict')] [string] $PageMetadata = 'full',
        # A live server: tasks created after each listing answer, at the front (newest) or the end of the default order.
        [int] $GrowPerPage = 0,
        [ValidateSet('front', 'end')] [string] $GrowAt = 'front',
        # Listing requests that arrive within this many ms of each other are answered last-arrived first.
        [int] $OutOfOrderMs = 0,
        # How many SDDC Managers the one process serves, each on its own port with its own tasks (seed Seed + i),
        # tokens, password and certificate; one object comes out per server, all with the same Process.
        [ValidateRange(1, 64)] [int] $Servers = 1,
        [string[]] $ExtraArgument = @()
    )
    $path = (Resolve-Path $SimulatorPath).Path
    $psi = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in @($path, '--port', '0', '--tasks', $Tasks, '--seed', $Seed, '--step-ms', $StepMs,
                     '--token-lifetime-seconds', $TokenLifetimeSeconds, '--latency-ms', $LatencyMs,
                     '--retry-failure-percent', $RetryFailurePercent, '--api', $Api, '--servers', $Servers) + $ExtraArgument) {
        $psi.ArgumentList.Add([string]$a)
    }
    if ($Quirks) { $psi.ArgumentList.Add('--quirks') }
    if ($JunkElements) { $psi.ArgumentList.Add('--junk-elements') }
    $paging = @()
    if ($PageBase -ne 0) { $paging += '--page-base', $PageBase }
    if ($PageSizeServed -gt 0) { $paging += '--page-size-served', $PageSizeServed }
    if ($PageSizeCap -gt 0) { $paging += '--page-size-cap', $PageSizeCap }
    if ($PageMetadata -ne 'full') { $paging += '--page-metadata', $PageMetadata }
    if ($GrowPerPage -gt 0) { $paging += '--grow-per-page', $GrowPerPage, '--grow-at', $GrowAt }
    if ($OutOfOrderMs -gt 0) { $paging += '--out-of-order', $OutOfOrderMs }
    foreach ($a in $paging) { $psi.ArgumentList.Add([string]$a) }
    if ($Anchor) { $psi.ArgumentList.Add('--anchor'); $psi.ArgumentList.Add(([DateTimeOffset]$Anchor).ToString('o', [cultureinfo]::InvariantCulture)) }
    $psi.RedirectStandardInput = $true
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($psi)
    # Keep stderr drained so the child never blocks on a full pipe.
    $null = $process.StandardError.ReadToEndAsync()
    $lineTask = $process.StandardOutput.ReadLineAsync()
    if (-not $lineTask.Wait([TimeSpan]::FromSeconds(60)) -or -not $lineTask.Result) {
        try { $process.Kill($true) } catch { }
        throw "The simulator did not start (no startup line within 60 s)."
    }
    $null = $process.StandardOutput.ReadToEndAsync()
    $line = $lineTask.Result | ConvertFrom-Json
    # --servers N: the line is the first server's, with every server's own line under 'servers'.
    $all = if ($line.PSObject.Properties['servers']) { @($line.servers) } else { @($line) }
    $index = 0
    foreach ($info in $all) {
        [pscustomobject]@{
            PSTypeName     = 'VcfTasks.SimulatorProcess'
            Url            = $info.url
            Thumbprint     = $info.thumbprint
            ThumbprintSha1 = $info.thumbprintSha1
            Username       = $info.username
            Password       = $info.password
            ApiKey         = $info.apiKey
            ControlKey     = $info.controlKey
            ProxyUrl       = $info.proxyUrl
            Api            = $info.api
            Quirks         = $info.quirks
            JunkElements   = $info.junkElements
            Index          = $index++
            Process        = $process
        }
    }
}

function Stop-VcfSimulator {
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] $Simulator)
    process {
        $p = $Simulator.Process
        if ($p.HasExited) { return }
        try { $p.StandardInput.Close() } catch { }
        if (-not $p.WaitForExit(10000)) { $p.Kill($true); $null = $p.WaitForExit(5000) }
    }
}

function Get-VcfSimulatorCredential {
    param([Parameter(Mandatory)] $Simulator)
    [pscredential]::new($Simulator.Username, (ConvertTo-SecureString $Simulator.Password -AsPlainText -Force))
}

# Calls a control endpoint of the simulator (faults, request log, token expiry).
function Invoke-VcfSimulatorControl {
    param(
        [Parameter(Mandatory)] $Simulator,
        [Parameter(Mandatory)] [string] $Method,
        [Parameter(Mandatory)] [string] $Path,
        $Body
    )
    $params = @{
        Uri                  = $Simulator.Url + $Path
        Method               = $Method
        Headers              = @{ 'X-Sim-Control-Key' = $Simulator.ControlKey }
        SkipCertificateCheck = $true
    }
    if ($null -ne $Body) { $params.Body = ($Body | ConvertTo-Json -Depth 8); $params.ContentType = 'application/json' }
    $result = Invoke-RestMethod @params
    $result   # a JSON array comes back as one object: emitting the variable enumerates it

}

Export-ModuleMember -Function Start-VcfSimulator, Stop-VcfSimulator, Get-VcfSimulatorCredential, Invoke-VcfSimulatorControl
