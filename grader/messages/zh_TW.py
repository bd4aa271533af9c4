"""繁體中文（臺灣）：英文目錄 ``en`` 的每一則訊息的翻譯，供閱讀繁體中文的學生使用。

Traditional Chinese (Taiwan usage) catalogue: the same six dicts and keys as ``en``, every {placeholder},
code name and equation kept as English writes it. Terms follow the lecture (記憶單元, 輸入閘, 遺忘閘, 輸出閘,
梯度爆炸, 梯度消失); a key missing here falls back to English.
"""

FAULT_HINTS = {
    "not_implemented": "這個函式仍然會引發 NotImplementedError：請寫出它的函式主體。",
    "exception": "你的函式在這個輸入上引發了例外；traceback 會顯示發生的位置。",
    "bad_return": "請回傳形狀與說明完全相符的 numpy 陣列（或 numpy 能轉換的 list），而且其中的數值都必須是有限的。",
    "import": "這個模組無法匯入，因此它的函式都無法評分。",
    "fault": "你的程式做了正確的解答不會做的事。",
    "crash": "評分程式中止了你的程式：原因請見上方。",
    "grader_error": "這是評分程式的錯誤，不是你的程式碼有問題。請回報給課程助教。",
    "form/read_only": "這次呼叫的輸入陣列是唯讀的（呼叫者的陣列可能就是如此），而你的程式寫入了其中一個。"
                      "不要寫入你的輸入，即使之後會還原也不行：請在新的陣列上計算（h = h + ...，而不是 h += ...；"
                      "要修改 x 之前先 x = xs.copy()）。",
    "form/python_float": "這個引數是 Python 的 float，docstring 允許這種輸入：它沒有陣列的方法或 shape。"
                         "請先轉換：v = np.asarray(v, dtype=float)。",
    "kit_undecided": "這個學生套件只有公開測資上參考解答的答案。請先讓上面提到的函式通過它所有的檢查：之後套件就會用你的版本來判定這一項。"
                     "課程的正式評分會用參考解答判定它。",
    "partial": "有些測資正確，但不是全部。",
    "mutated": "請不要寫入你的輸入（xs、params、states）：改用新的陣列，例如用 h = h + ... 取代 h += ...，"
               "要修改之前先複製一份。",
    "default": "請對照 docstring 中的方程式，一行一行檢查你的程式碼。",
    "ignores": "請依照 docstring 中的方程式，由引數計算結果：一個重要的輸入改變了，輸出卻維持不變，"
               "這不可能是對的。",
    "deterministic": "相同的輸入請回傳相同的結果：不要產生亂數，也不要在多次呼叫之間保留狀態。",
    "aliased_return": "請回傳新的陣列：呼叫端的陣列本身（v，或像 v.reshape(...) 這樣的 view）"
                      "會在呼叫端修改它時跟著改變。請使用 np.array(v, dtype=float) 或 v.copy()。",
    "missing_module": "請在你的其他模組旁邊放一個這個名稱的檔案，裡面寫好它在範本（exercises/）中的那些函式；"
                      "如果你的課程還沒有要求這個模組，也可以先不放。",
    "return_order": "請依照 docstring 的 Returns 段落所列的順序排列這些值：在 return 敘述裡，以及拆開函式回傳值的地方"
                    "（a, c = lstm_cell(...)，而不是 c, a）都要如此。",
    "dependency_not_implemented": "請先寫好上面提到的那個函式：這個函式會呼叫它，"
                                  "而它仍然會引發 NotImplementedError。",
    "activation_ignored": "請把傳給你的啟動函數名稱，繼續傳給每一個套用啟動函數的呼叫；"
                          "不要把它們固定成某一個名稱。",
    "not_credited": "這個練習要得分，必須有證據顯示函式確實計算出它的結果：請先修正上面的檢查。",
}
"""Hints for faults any check can meet."""

NOTES = {
    "stand_in/failed": "{exercises}：評分時以正確的 `{function}` 取代你的版本；你的版本沒有通過它自己的檢查",
    "stand_in/not_graded": "{exercises}：評分時以正確的 `{function}` 取代你的版本；你的版本不在這裡評分",
    "public_cases": "由學生套件在公開測資上評分，全程使用你自己的函式（一個函式的錯誤也可能讓呼叫它的函式失敗）。"
                    "課程的正式評分會再加上隱藏測資，並且分別評分每個函式。",
}
"""Lines about how an exercise was graded (``ExerciseResult.notes``), by key."""

WHAT = {
    "text": "{text}",
    "partial": "{percent}% 正確",
    "not_credited/gate": "不計分：{function} 沒有通過 responds 檢查（它的輸出沒有隨著輸入改變），"
                         "因此它的所有檢查都不得分",
    "not_credited/no_evidence": "不計分：{function} 沒有通過任何能證明它確實計算出結果的檢查，"
                                "而單憑這項檢查也無法證明",
    "compare/shape": "{what}：收到的形狀是 {received}，預期是 {expected}",
    "compare/not_close": "{what} 在容許誤差（{tolerance}）內不相等",
    "compare/mismatched": "不一致的元素：{bad} / {size}（{share}%）",
    "compare/first_difference": "第一個差異在 {at}：預期 {expected}，收到 {received}",
    "compare/max_absolute": "最大絕對差：{value}",
    "compare/max_relative": "最大相對差：{value}",
    "compare/equal": "{what}：兩個值相等（{value}），但它們應該不同",
    "contract/mutated": "{function} 修改了它的輸入 {where}：原本是 {old}，呼叫之後變成 {new}",
    "relations/later_ignored": "xs[{t}:] 改變時，{what}[{t}:] 沒有改變：輸出忽略了計算它們所依據的輸入",
    "relations/not_deterministic": "以相同的輸入呼叫兩次，{function} 回傳了不同的值",
    "relations/unchanged": "{names} 改變之後，{function} 回傳的值仍然相同，但結果應該取決於 {names}",
    "handmade/not_close": "輸出 a_t {where} 在容許誤差（{tolerance}）內不相等",
    "handmade/mismatched": "不一致的時間步：{bad} / {size}",
    "handmade/first_difference": "第一個差異在時間步 t={t}，x = {x}：預期 {expected}，收到 {received}",
    "handmade/memory": "到該時間步為止，你的記憶單元的記憶 c_t：{memory}",
    "handmade/weights": "你的權重：w = {w}，b = {b}",
    "gradients/impulse_zero": "在 T={T}、w={w} 時，脈衝輸入的 d y_T / d w 為 0：它應該是 (T-1)·w^(T-2)，"
                              "絕不會剛好是 0",
    "gradients/not_vanishing": "‖grads['h0']‖ = {size_0} 並沒有比 ‖dL/dh_T‖ = ‖W_hyᵀ dy_T‖ = {size_T} "
                               "小好幾個數量級：在 ‖W_hh‖ ≤ 0.8 且 tanh' ≤ 1 的情況下，每往回一個時間步，"
                               "梯度至少縮小為 0.8 倍，到 h0 時會低於原本的 0.8^{T} ≈ {bound}（這項檢查要求"
                               " ≤ {ratio}）。",
    "gradients/transposed": "grads[{key}] 是預期梯度的轉置。",
    "gradients/h0_not_transposed": "grads['h0'] 等於 W_hh @ da_1，而不是 W_hhᵀ @ da_1。",
    "gradients/h0_is_da": "grads['h0'] 等於 da_1，也就是第一個預激活值（pre-activation）上的梯度。",
    "gradients/last_step_only": "grads[{key}] 只包含最後一個時間步本身的項：損失位於時間步 t={t}，"
                                "但它必須往回流經全部 {T} 個時間步。",
    "gradients/states_zero": "grads['h0'] 和 grads['c0'] 都是 0：時間步 t={t} 的損失從未傳到第一個時間步。",
    "gradients/one_step": "grads[{key}] 只等於時間步 t={t} 單獨的貢獻；必須把 {T} 個時間步的貢獻加總起來。",
    "gradients/own_terms": "grads[{key}] 只加總了每個時間步本身的項："
                           "時間步 t 的貢獻還包含從後面的時間步傳回 h_t 的梯度。",
    "clip/above": "裁剪後梯度的全域範數是 {norm}，高於 max_norm = {max_norm}（裁剪前的範數：{before}）",
    "clip/below": "裁剪後梯度的全域範數是 {norm}，低於 max_norm = {max_norm}：裁剪範數為 {before} 的梯度時，"
                  "應該把它剛好縮放到 max_norm",
    "clip/scale": "每個陣列都被乘上 s = {s}：裁剪只能縮小，0 < s <= 1（範數 {norm}，max_norm {max_norm}）",
    "clip/best_factor": "（最佳的共同倍數 s = {s} 也無法解釋每一個陣列。）",
    "clip/not_above": "（全域範數 {norm} 並未高於 max_norm = {max_norm}。）",
    "tagger/not_dict": "slot_tagger() 回傳了 {type}，而不是由陣列組成的 dict",
    "tagger/missing": "slot_tagger() 沒有回傳 {keys}（它的鍵：{returned}）",
    "tagger/not_numeric": "slot_tagger() 的參數不是數值陣列：{error}",
    "tagger/misfit": "slot_tagger() 的參數形狀彼此對不上：",
    "tagger/shape": "  {key} 的形狀是 {shape}，預期是 {expected}",
    "tagger/too_big": "slot_tagger() 使用了 H = {H} 個隱藏單元；最多只允許 {most} 個",
    "tagger/not_finite": "slot_tagger() 的 {keys} 含有 NaN 或 inf",
    "tagger/cities_wrong": "{total} 個城市中有 {wrong} 個標錯：",
    "tagger/city": "  '{verb} {city}'：{city} 被標為 {received}，預期是 {expected}",
    "tagger/sentences_wrong": "{total} 個句子中有 {wrong} 個句子有詞標錯，例如：",
    "tagger/sentence": "  {words}\n    預期：{expected}\n    你的：{received}",
    "load/missing_module": "繳交的作業中缺少 {module}.py",
    "load/no_function": "{origin} 沒有定義 {module} 的任何函式（{functions}）{remark}",
    "proxy/import_failed": "{module}.py 匯入失敗：{error}",
    "proxy/import_stopped": "{module}.py 無法匯入：",
    "proxy/raised": "{function} 引發了 {type}：{message}",
    "proxy/not_implemented_dependency": "{function} 呼叫了 {dependency}，但它還沒有實作："
                                        "請先寫好 {dependency}（或不透過它來計算）",
    "returned/in": "{function} 回傳的值不符合 docstring 的說明：",
    "returned/not_numeric": "{where}：不是單純的數值陣列（dtype {dtype}）",
    "returned/not_array": "{where}：無法轉換成數值陣列（{error}）",
    "returned/not_number": "{where}：dtype 是 {dtype}，不是數值型別",
    "returned/ndim": "{where}：有 {ndim} 個維度，預期是 {expected}",
    "returned/shape": "{where}：形狀是 {shape}，預期是 {expected}",
    "returned/scalar_as_array": "這裡要的是單一個數，你卻回傳了形狀為 {shape} 的陣列",
    "returned/extra_axis": "數值都在，但形狀 {shape} 多了 {expected} 所沒有的長度為 1 的軸：是欄向量，"
                           "還是由 (1, n) 列組成的 list？請用 np.reshape 或 np.squeeze 調整",
    "returned/transposed_shape": "形狀 {shape} 是 {expected} 的轉置：列與行是不是反了？",
    "returned/not_finite": "{where}：在索引 {index} 含有 {value}（NaN 或 inf）：是溢位，還是除以零？",
    "returned/tuple": "{where}：預期是包含 {n} 個值的 tuple",
    "returned/not_tuple": "{where}：預期是包含 {n} 個值的 tuple，收到的是 {type}",
    "returned/tuple_of": "{where}：預期是包含 {n} 個值的 tuple，收到的卻有 {got} 個",
    "returned/swapped_shapes": "{where}：這些值的形狀是 {shapes}，而 docstring 要求依序為 {expected}："
                               "是不是有兩個值對調了？",
    "returned/swapped": "{function} 回傳了 ({returned})，但 docstring 要求的是 ({order})：這些值彼此放錯了位置"
                        "（在 return 敘述裡，或在拆開某個呼叫的回傳值時對調了）",
    "returned/dict": "{where}：預期是包含鍵 {keys} 的 dict；它的鍵是：{returned}",
    "returned/not_dict": "{where}：預期是 dict，收到的是 {type}",
    "returned/missing_keys": "{where}：缺少鍵 {missing}；回傳的 dict 的鍵是 {returned}",
    "returned/not_understood": "{where}：無法理解回傳的內容",
    "returned/activation_ignored": "{function} 回傳的結果恰好是 {argument}=\"{used}\" 時應有的結果，"
                                   "但傳給它的是 {argument}=\"{given}\"",
    "returned/warned": "{function} 發出警告：{warning}",
    "returned/same_object": "{function} 回傳了傳給它的陣列（或它的 view），而不是新的陣列",
    "stopped/timeout": "{what} 沒有在 {seconds} 秒內完成：已中止（逾時）",
    "stopped/budget": "{what} 已被中止：單一練習的時間上限（{seconds} 秒）已用完",
    "stopped/budget_used": "單一練習的時間上限（{seconds} 秒）已用完",
    "stopped/output": "{what} 印出了超過 {mib} MiB 的內容，超出單一練習的輸出上限：已中止",
    "stopped/ended": "{what} 結束了行程：{how}",
    "stopped/not_started": "{what} 沒有在 {seconds} 秒內啟動：已中止（逾時）",
    "stopped/protocol": "{what}：回覆的格式錯誤（{error}）",
    "kit/undecided": "這項檢查需要參考解答在你的程式算出的值上對 {function} 的結果，而這個套件沒有這些答案",
}
"""What went wrong, one line per key (``grader.messages.say``); values are filled in at rendering."""

UI = {
    "status/passed": "通過",
    "status/failed": "違反性質",
    "status/error": "你的程式引發了例外或回傳了無效的值",
    "status/crashed": "已中止",
    "status/not_implemented": "尚未實作",
    "status/grader_error": "評分程式錯誤（不是你的錯）",
    "status/undecided": "這個套件無法判定",
    "block/mechanism": "機制：{text}",
    "block/what_happened": "發生了什麼事：",
    "block/smallest_input": "能顯示問題的最小輸入{sizes}：",
    "block/expected": "預期：",
    "block/received": "收到：",
    "block/traceback": "你的程式碼的 traceback：",
    "block/printed": "你的程式碼在被中止前印出了：",
    "block/heard": "{call} 印出了：",
    "block/warned": "{call} 發出警告：",
    "block/hint": "提示：{text}",
    "block/also": "同一個原因也讓 {checks} 失敗。",
    "block/costs": "因此失分的檢查：{checks}",
    "block/module_head": "{module}.py — 0/{points} — {n} 項檢查無法執行",
    "block/exercise_checks": "{exercise}（{n} 項檢查）",
    "block/see_above": "{check}：{status}；請先修正上方的區塊",
    "not_implemented/line": "✗ {exercise} — 0/{max_points} — 尚未實作",
    "failed/line": "✗ {exercise} — {points}/{max_points} — 通過 {passed} / {checks} 項檢查",
    "passed/line": "✓ {exercise} — {points}/{max_points}",
    "table/title": "{name}：{points} / {max_points} 分",
    "table/exercise": "練習",
    "table/points": "分數",
    "table/checks_passed": "通過的檢查",
    "report/feedback_for": "給 {name} 的回饋",
    "report/score": "分數：{points} / {max_points}",
    "report/not_graded": "這份作業無法評分：",
    "report/what_to_fix": "需要修正的地方",
    "report/all_passed": "所有檢查都通過了，做得好！",
    "report/graded_notes": "評分說明：",
    "report/could_not_grade": "無法評分 {name}：{error}",
    "report/note": "註：{text}",
    "report/points_line": "{points} / {max_points} 分",
    "report/exercises": "練習",
    "report/to_fix": "待修正",
    "check/first_run": "第一次在這台機器上執行：正在建立評分用的測資（只需一次，約 {seconds} 秒）；"
                       "之後每次執行只需一兩秒。",
    "kit/only": "這是學生套件：它只能執行 {commands}（{command} 需要課程的評分程式）",
    "kit/readme": (
        "# RNN 與 LSTM 練習：你的套件\n\n"
        "```bash\n"
        "pip install {wheel}      # 只需一次：安裝檢查程式（python -m grader、rnn-grader）\n"
        "python -m grader check   # 在這個資料夾中：評分 exercises/ 並告訴你要修正什麼\n"
        "```\n\n"
        "- `handout.md`：每個練習的引數、形狀、方程式，以及課堂上的例子。\n"
        "- `exercises/`：程式骨架。寫出每個函式的內容；請保留名稱與函式簽名。\n"
        "- `python -m grader check --exercise elman_forward` 只檢查一個函式；`--list` 列出所有檢查；"
        "`--lang zh-TW` 以繁體中文顯示回饋。在筆記本中：`from grader import check; check()`。\n\n"
        "檢查程式在公開測資上執行與課程正式評分相同的檢查。正式評分還會執行隱藏測資，每份作業都不同："
        "正確的程式碼會通過，只為公開測資量身打造的程式碼則不會。\n"),
}
"""The words of the reports themselves."""

MECHANISMS = {
    "contract": "函式回傳具有指定形狀的新陣列，並讓傳給它的陣列完全保持原樣。",
    "responds": "函式由它的輸入計算出結果：相同的輸入得到相同的結果，而改變一個重要的輸入會改變結果。",
    # rnn
    "rnn.activation::agrees": "啟動函數逐一作用在 v 的每個元素上：linear、sigmoid、tanh 或 relu。",
    "rnn.activation::stable": "sigmoid 與 tanh 會平滑地飽和：sigmoid(±1000) 剛好是 0 或 1，絕不會是 NaN，"
                              "而且計算時不會產生溢位警告。",
    "rnn.elman_forward::agrees": "Elman 網路把上一步的隱藏層回饋進來："
                                 "h_t = hidden(W_xh x_t + W_hh h_{t-1} + b_h)，y_t = output(W_hy h_t + b_y)。",
    "rnn.elman_forward::initial_state": "有給 h0 時，記憶從 h0 開始，否則從零開始。",
    "rnn.elman_forward::order_matters": "有了記憶，輸入的順序就很重要："
                                        "課堂上的 (1,1),(1,1),(2,2) 與 (1,1),(2,2),(1,1) 會得到不同的輸出。",
    "rnn.elman_forward::memoryless_permutes": "沒有記憶時（W_hh = 0），每個時間步各自獨立計算，"
                                              "因此把輸入重新排列，只會讓輸出以同樣的方式重新排列。",
    "rnn.elman_forward::causality": "時間步 t 的輸出只取決於 x_1..x_t，絕不取決於之後的輸入。",
    "rnn.elman_forward::parameter_sharing": "RNN 是同一個網路使用 T 次：把序列分成兩段執行、把狀態傳下去，"
                                            "結果與一次執行完全相同。",
    "rnn.jordan_forward::agrees": "Jordan 網路把上一步的*輸出*回饋進來："
                                  "h_t = hidden(W_xh x_t + W_yh y_{t-1} + b_h)。",
    "rnn.jordan_forward::initial_state": "有給 y0 時，輸出的記憶從 y0 開始，否則從零開始。",
    "rnn.jordan_forward::output_fed_back": "每個時間步的隱藏層讀取上一步回傳的輸出："
                                           "h_t = hidden(W_xh x_t + W_yh y_{t-1} + b_h)，y_0 = y0。",
    "rnn.jordan_forward::order_matters": "有了記憶，輸入的順序就很重要。",
    "rnn.jordan_forward::causality": "時間步 t 的輸出只取決於 x_1..x_t。",
    "rnn.jordan_forward::parameter_sharing": "把序列分成兩段執行，並把最後的輸出當作 y0 傳下去，"
                                             "結果與一次執行完全相同。",
    "rnn.stacked_forward::agrees": "深層 RNN 堆疊多個 Elman 層：第 l+1 層讀取第 l 層的隱藏狀態序列，"
                                   "每一層都有自己從 0 開始的記憶，輸出層讀取最上層。",
    "rnn.stacked_forward::one_layer_is_elman": "只有一層的堆疊就是一個 Elman 網路。",
    "rnn.stacked_forward::layers_compose": "深層 RNN 等於它的第一層，再接上堆疊中其餘的層；"
                                           "其餘的層讀取第一層的隱藏狀態序列，並從它們自己的零記憶開始。",
    "rnn.stacked_forward::causality": "每一層都沿著時間往前執行：y_t 只取決於 x_1..x_t。",
    "rnn.bidirectional_forward::agrees": "雙向 RNN 把正向層的狀態 hf_t 與反向層的狀態 hb_t（讀完 x_T..x_t 之後）"
                                         "串接起來。",
    "rnn.bidirectional_forward::symmetry": "把輸入反轉並交換兩層（以及輸出層權重的兩半），會得到反轉的輸出。",
    "rnn.bidirectional_forward::sees_future": "時間步 t 的輸出看得到整個序列：之後的輸入會經由反向層傳到它。",
    # lstm
    "lstm.lstm_cell::agrees": "記憶單元逐元素儲存 c = g(z) ⊙ σ(z_i) + c_prev ⊙ σ(z_f)，並輸出 a = h(c) ⊙ σ(z_o)。",
    "lstm.lstm_cell::forget_gate": "飽和的閘就是開關：遺忘閘為 0 會丟掉舊的記憶；"
                                   "遺忘閘為 1 且輸入閘為 0 會讓記憶保持不變；輸出閘為 0 時什麼都不輸出，"
                                   "輸出閘為 1 時輸出 h(c)。",
    "lstm.lstm_cell::elementwise": "記憶單元中的每個乘法都是逐元素乘積（elementwise product）："
                                   "第 k 個單元只看第 k 個元素，因此對整個陣列呼叫一次，等於對每個元素各呼叫一次。",
    "lstm.handmade_lstm::lecture_examples": "課堂上手刻的 LSTM 在兩個範例序列上的輸出大約是 0, 0, 0, 7, 0 與"
                                            " 0 0 0 0 0 7 0 0 6。",
    "lstm.handmade_lstm::follows_rule": "在任何序列上，手刻的記憶單元都遵守這個規則：x2 = 1 時把 x1 加進記憶，"
                                        "x2 = -1 時把記憶重設為 0，x3 = 1 時輸出記憶，否則輸出為 0。",
    "lstm.lstm_forward::agrees": "LSTM 層在每個時間步由 v_t = concat(x_t, h_{t-1}, c_{t-1}) 計算 z、z_i、z_f、"
                                 "z_o，並把它們送進 H 個記憶單元。",
    "lstm.lstm_forward::initial_state": "有給 h0 與 c0 時，輸出與記憶分別從 h0 與 c0 開始，否則從零開始。",
    "lstm.lstm_forward::causality": "時間步 t 的輸出只取決於 x_1..x_t，絕不取決於之後的輸入。",
    "lstm.lstm_forward::parameter_sharing": "LSTM 層是同一個網路使用 T 次：把序列分成兩段執行、把 h 與 c 傳下去，"
                                            "結果與一次執行完全相同。",
    "lstm.lstm_forward::order_matters": "有了記憶，輸入的順序就很重要：交換 x_1 與 x_2 會改變時間步 2 的輸出。",
    "lstm.lstm_forward::forget_gate": "所有遺忘閘都打開、所有輸入閘都關閉時，記憶會永遠保持 c0；"
                                      "所有輸出閘都關閉時，這一層的輸出為 0。",
    "lstm.lstm_forward::cells_permute": "H 個記憶單元可以互換：把它們重新編號（每個 W 與 b 的列、h 與 c 的欄、h0、"
                                        "c0），只會讓 hs 與 cs 的欄跟著重新編號。",
    "lstm.lstm_forward::cell_uses_own_row": "第 k 個記憶單元只使用每個轉換的第 k 列：單元之間沒有權重相連時，"
                                            "每個單元的行為就像只有一個單元的層。",
    "lstm.lstm_forward::reductions": "把 h 與 c 的欄設為零，就得到課堂上最簡單的 LSTM（只讀取 x）；"
                                     "只把 c 的欄設為零，就得到讀取 concat(x_t, h_{t-1}) 的常見 LSTM。",
    "lstm.stacked_lstm_forward::agrees": "多層 LSTM 把層堆疊起來：第 l+1 層讀取第 l 層的輸出 hs，"
                                         "每一層的 h 與 c 都從 0 開始，回傳最上層的 hs。",
    "lstm.stacked_lstm_forward::one_layer": "只有一層的堆疊就是那一層本身：lstm_forward 的 hs。",
    "lstm.stacked_lstm_forward::layers_compose": "多層 LSTM 等於它的第一層，再接上堆疊中其餘的層；"
                                                 "其餘的層讀取第一層的 hs，並從它們自己的零 h 與 c 開始。",
    "lstm.stacked_lstm_forward::causality": "每一層都沿著時間往前執行：時間步 t 的輸出只取決於 x_1..x_t。",
    # gru
    "gru.gru_forward::agrees": "GRU 把舊的狀態與候選狀態混合：h_t = u_t ⊙ h_{t-1} + (1 − u_t) ⊙ n_t，"
                               "n_t = tanh(W_h @ concat(x_t, r_t ⊙ h_{t-1}) + b_h)。",
    "gru.gru_forward::update_gate": "更新閘負責選擇：u = 1 讓舊的狀態保持不變，u = 0 則用候選狀態 n_t 取代它。",
    "gru.gru_forward::reset_gate": "重設閘在候選狀態中縮放舊的狀態：r = 0 讓候選狀態忘掉 h_{t-1}，"
                                   "r = 1 讓它取得完整的 h_{t-1}。",
    "gru.gru_forward::causality": "時間步 t 的狀態只取決於 x_1..x_t，絕不取決於之後的輸入。",
    "gru.gru_forward::parameter_sharing": "GRU 是同一個網路使用 T 次：把序列分成兩段執行、把狀態傳下去，"
                                          "結果與一次執行完全相同。",
    # gradients
    "gradients.linear_rnn::agrees": "最簡單的 RNN 在記憶中只存一個數：a_t = w·a_{t-1} + x_t，y_t = a_t，"
                                    "從 a_0 = 0 開始。",
    "gradients.linear_rnn::impulse": "輸入 1, 0, 0, …：記憶在每個時間步都乘上 w，所以 y_t = w^(t-1)，"
                                     "而 y_1000 = w^999（w = 1、1.01、0.99、0.01 時分別是 1、≈ 20 751、"
                                     "≈ 4.4e-5 或 0）。",
    "gradients.linear_rnn::superposition": "這個網路對它的輸入是線性的：f(a + b) = f(a) + f(b)，"
                                           "且 f(c·a) = c·f(a)。",
    "gradients.linear_rnn_grad::impulse": "對脈衝輸入，d y_T / d w = (T−1)·w^(T−2)："
                                          "w 的微小變化會隨著 T 爆炸或消失。",
    "gradients.linear_rnn_grad::finite_differences": (
        "對任何輸入，經由沿時間反向傳播（BPTT）得到的梯度，都等於用有限差分量測到的 y_T 斜率。"
    ),
    "gradients.linear_rnn_grad::growth": "每多一個時間步，脈衝的梯度就乘上 T/(T−1)·w：w > 1 時梯度爆炸，"
                                         "w < 1 時梯度消失。",
    "gradients.elman_backward::finite_differences": "沿時間反向傳播對每個權重與 h0 給出 L = Σ_t dys_t · y_t "
                                                    "的梯度：每一個都等於用有限差分量測到的斜率。",
    "gradients.elman_backward::one_step": "單一時間步的局部導數：da = (W_hyᵀ dy) ⊙ (1 − h²)，dW_xh = da xᵀ，"
                                          "dW_hh = da h0ᵀ，db_h = da，dh0 = W_hhᵀ da。",
    "gradients.elman_backward::through_time": "最後一個時間步的損失會傳到之前的每個時間步："
                                              "梯度經由 dh_{t-1} = W_hhᵀ da_t 往回流。",
    "gradients.elman_backward::shared_weight_sum": "同一個權重用在每個時間步，所以它的梯度是所有時間步貢獻的總和。",
    "gradients.elman_backward::h0_gradient": "初始記憶 h0 也有梯度：dh0 = W_hhᵀ da_1。",
    "gradients.elman_backward::vanishing_gradient": "遞迴權重很小時，梯度會消失：往回 30 個時間步之後，"
                                                    "dL/dh0 比 dL/dh_T 小好幾個數量級。",
    "gradients.clip_gradients::agrees": "全域範數裁剪：如果所有陣列合起來的 L2 範數超過 max_norm，"
                                        "每個陣列都乘上 max_norm / norm。",
    "gradients.clip_gradients::norm_bound": "裁剪之後，所有陣列合起來的全域範數是 max_norm："
                                            "超過門檻的梯度會被縮小到剛好等於門檻，不會更小。",
    "gradients.clip_gradients::direction_kept": "裁剪會保持梯度的方向：每個陣列都乘上同一個倍數 s，0 < s ≤ 1。",
    "gradients.clip_gradients::below_threshold": "全域範數不超過 max_norm 的梯度會原封不動地回傳。",
    "gradients.lstm_backward::finite_differences": "LSTM 的沿時間反向傳播對每個權重、"
                                                   "h0 與 c0 給出 L = Σ_t dhs_t · h_t 的梯度："
                                                   "每一個都等於用有限差分量測到的斜率。",
    "gradients.lstm_backward::one_step": "單一 LSTM 時間步的局部導數，依序經過輸出閘、記憶 c、單元輸入，"
                                         "以及輸入閘與遺忘閘。",
    "gradients.lstm_backward::through_time": "最後一個時間步的損失會經由 h_{t-1} 與記憶 c_{t-1} 兩條路徑，"
                                             "傳到之前的每個時間步。",
    "gradients.lstm_backward::h0_c0_gradient": "初始輸出 h0 與初始記憶 c0 也有梯度。",
    "gradients.lstm_backward::memory_keeps_gradient": (
        "遺忘閘打開且輸入閘關閉時，記憶會原封不動地傳下去，它的梯度也是：經過 200 個時間步之後，"
        "dL/dc0 仍然等於 dL/dc_T。"
    ),
    # slot_filling
    "slot_filling.slot_tagger::tags_grammar": "Elman 網路為旅遊請求中的每個詞標上標籤："
                                              "計分依據是文法產生的 240 個句子中，整句完全標對的比例。",
    "slot_filling.slot_tagger::context": "同一個城市在「arrive」之後是 dest，在「leave」之後是 depart："
                                         "只有具備記憶的網路才分辨得出來。",
}
"""Each check's mechanism in one sentence, by check id; "contract" and "responds": every function's."""

HINTS = {
    # rnn
    "rnn.activation::agrees": {
        "sigmoid": "sigmoid(v) = 1 / (1 + exp(-v))，作用在每個元素上。",
        "relu": "relu(v) = max(v, 0)，逐元素計算：用 np.maximum，不是 np.max。",
        "linear": "linear 是恆等函數：直接回傳 v 本身（以新陣列的形式）。",
        "tanh": "tanh 就是 np.tanh，作用在每個元素上。",
        "bad_return": "啟動函數對 v 的每個元素回傳一個有限值，放在與 v 形狀相同的陣列中："
                      "np.max(v, 0) 會沿著一個軸把 v 化約掉（relu 是 np.maximum(v, 0)），"
                      "而對很大的 v 取 exp 會溢位。",
    },
    "rnn.activation::stable": {
        "stable": "exp(1000) 會溢位：只對 −|v| 取 exp，或使用本身就很穩定的 np.tanh："
                  "e = np.exp(-np.abs(v)); np.where(v >= 0, 1 / (1 + e), e / (1 + e))。",
        "warns": "即使結果正確，np.exp(-v) 在 v = −1000 時仍會溢位（而 np.where 會把兩個分支都算出來，"
                 "所以也會發出警告）。只對 −|v| 取指數，它絕不會大於 1："
                 "e = np.exp(-np.abs(v)); np.where(v >= 0, 1 / (1 + e), e / (1 + e))。",
        "bad_return": "|v| 很大時出現 NaN 或 inf：exp(1000) 會溢位成 inf，"
                      "而 inf / inf 是 NaN——例如把 tanh 寫成 (e^v − e^−v) / (e^v + e^−v)。請使用 np.tanh；"
                      "sigmoid 則只對 −|v| 取 exp。",
    },
    "rnn.elman_forward::agrees": {
        "default": "請依照方程式檢查每個時間步的 h_t：輸入、記憶 W_hh @ h_{t-1}（不是 W_hh.T）、偏差，"
                   "最後是啟動函數。每個 h_t 都要保留一份副本：如果 append 的是同一個之後會被覆寫的陣列，"
                   "最後只會存下最後的狀態。",
        "output": "隱藏狀態正確，但輸出不正確：y_t = output(W_hy @ h_t + b_y)，用的是這個時間步新的 h_t。",
        "aliased": "hs 的每一列都相同，都是最後的狀態：你 append 了一個陣列，之後又原地覆寫它（h[:] = ...、"
                   "h += ...、out=h）。請 append 一份副本（h.copy()），或每個時間步都計算一個新的 h。",
    },
    "rnn.elman_forward::initial_state": {
        "default": "第一個時間步必須把 h0 當作 h_{t-1}：有給 h0 時就使用它，只有在它是 None 時才用零。",
        "stored_h0": "hs[0] 就是 h0 本身：hs[t] 是時間步 t *之後*的狀態，"
                     "h_1 = hidden(W_xh @ x_1 + W_hh @ h0 + b_h)。請在更新 h 之後才儲存它。",
        "first_step": "第一個狀態有用到 h0，但不是 h_1 = hidden(W_xh @ x_1 + W_hh @ h0 + b_h)："
                      "請確認 h0 是經由 W_hh @ h0（不是 W_hh.T @ h0）進入，而且只在第一個時間步進入一次。",
        "aliased": "hs 的每一列都相同，都是最後的狀態：你 append 了一個陣列，之後又原地覆寫它（h[:] = ...、"
                   "h += ...、out=h）。請 append 一份副本（h.copy()），或每個時間步都計算一個新的 h。",
    },
    "rnn.elman_forward::order_matters": {
        "order": "把輸入重新排序後，你的輸出沒有改變：記憶被忽略了。每個時間步都必須加上 W_hh @ h_{t-1}，"
                 "也就是上一步的隱藏層。",
    },
    "rnn.elman_forward::memoryless_permutes": {
        "step_alignment": "當 W_hh = 0 時，y_t 必須只取決於 x_t："
                          "請確認時間步 t 讀取 xs[t] 並寫入 ys[t]（索引不要差一，也不要用到其他時間步的狀態）。",
    },
    "rnn.elman_forward::causality": {
        "causality": "只改變之後的輸入，某個輸出卻改變了：時間步 t 不可以讀取 xs[t+1:]（例如迴圈方向反了，"
                     "或是輸入的投影沿著錯誤的軸計算）。",
    },
    "rnn.elman_forward::parameter_sharing": {
        "sharing": "從第一次執行的狀態 hs[-1] 接著執行，結果與一次完整的執行不同：每個時間步都要使用相同的 W_xh、"
                   "W_hh、b_h，並從 h0 開始。",
    },
    "rnn.jordan_forward::agrees": {
        "memory": "Jordan 網路的記憶是上一步的*輸出* y_{t-1}（經由 W_yh），不是隱藏層，也不是啟動前的值。",
        "output": "y_t = output(W_hy @ h_t + b_y)：回饋的是這個 y_t（經過輸出的啟動函數之後）。",
    },
    "rnn.jordan_forward::initial_state": {
        "default": "第一個時間步必須把 y0 當作 y_{t-1} 讀入：有給 y0 時就使用它。",
    },
    "rnn.jordan_forward::output_fed_back": {
        "memory": "h_t 必須經由 W_yh 讀取 y_{t-1}，也就是你的函式在上一個時間步回傳的輸出（經過輸出的啟動函數"
                  "之後）——不是 h_{t-1}，不是啟動前的值 W_hy h + b_y，也不是一個從未更新的記憶；在第一個時間步，"
                  "它讀取 y0（為 None 時用零）。",
    },
    "rnn.jordan_forward::order_matters": {
        "order": "把輸入重新排序後，輸出沒有改變：上一步的輸出沒有被回饋進來。",
    },
    "rnn.jordan_forward::causality": {
        "causality": "只改變之後的輸入，某個輸出卻改變了：時間步 t 不可以讀取 xs[t+1:]。",
    },
    "rnn.jordan_forward::parameter_sharing": {
        "sharing": "從最後的輸出接著執行，結果與一次完整的執行不同：請把 y0 當作第一個 y_{t-1}，"
                   "並在每個時間步使用相同的權重。",
    },
    "rnn.stacked_forward::agrees": {
        "layers": "第 l+1 層讀取第 l 層的隱藏狀態*序列*（不是 xs）；"
                  "每一層的記憶都從零開始（不要把某一層的狀態帶到下一層）；輸出層讀取最上層。",
    },
    "rnn.stacked_forward::one_layer_is_elman": {
        "one_layer": "只有一層時，結果必須等於用這一層與輸出層執行 elman_forward 的結果："
                     "請重複使用 elman_forward。",
    },
    "rnn.stacked_forward::layers_compose": {
        "compose": "先單獨執行第 1 層，再用其餘的層處理它的隱藏狀態序列，得到的結果與整個堆疊不同：在堆疊中，"
                   "第 l+1 層必須讀取第 l 層的隱藏狀態序列（不是 xs），"
                   "並從零開始（不是從下方那一層的最後狀態開始），而輸出層必須讀取最上層。",
    },
    "rnn.stacked_forward::causality": {
        "causality": "只改變之後的輸入，某個輸出卻改變了：每一層都必須沿著時間往前執行。",
    },
    "rnn.bidirectional_forward::agrees": {
        "alignment": "在 xs[::-1] 上執行反向層，再把它的狀態反轉回來，讓 hb_t 對齊時間步 t；串接 (hf_t, hb_t)，"
                     "正向的一半在前。",
    },
    "rnn.bidirectional_forward::symmetry": {
        "symmetry": "鏡像的網路沒有得到鏡像的輸出：反向層必須讀取 x_T..x_1，而且它的狀態必須先反轉回來，"
                    "輸出層才能讀取。",
    },
    "rnn.bidirectional_forward::sees_future": {
        "future": "最後一個輸入改變時，y_t 沒有改變：反向層必須從序列的尾端開始讀取，讓每個 y_t 都看得到未來，"
                  "而且輸出層的後半部（W_hy[:, H:]）必須讀取它：串接 (hf_t, hb_t)，正向的一半在前。",
    },
    # lstm
    "lstm.lstm_cell::agrees": {
        "forget_inverted": "你的記憶單元在遺忘閘打開時反而遺忘：舊的記憶應以權重 σ(z_f) 保留，"
                           "而不是 1 − σ(z_f)（別被名字騙了，遺忘閘為 1 代表記住）。",
        "gate_inside": "輸入閘乘的是經過啟動函數的輸入：g(z) ⊙ σ(z_i)，不是 g(z ⊙ σ(z_i))。",
        "old_memory": "輸出必須讀取新的記憶：a = h(c) ⊙ σ(z_o)，用的是這個時間步的 c，不是 c_prev。",
        "memory": "新的記憶 c 不正確：c = g(z) ⊙ σ(z_i) + c_prev ⊙ σ(z_f)，g 作用在 z 上（不是 h），"
                  "σ(z_i) 乘在輸入上、σ(z_f) 乘在 c_prev 上（不要弄反），而且每個乘法都是逐元素的。",
        "output": "記憶 c 正確，但輸出 a 不正確：a = h(c) ⊙ σ(z_o)，把 h（不是 g）作用在這個時間步的 c 上，"
                  "再乘上輸出閘 σ(z_o)。",
    },
    "lstm.lstm_cell::forget_gate": {
        "forget_closed": "遺忘閘關閉時（σ(z_f) ≈ 0），新的記憶不可以取決於 c_prev：c_prev 要乘上 σ(z_f)，"
                         "不是 1 − σ(z_f)，也不是其他的閘。",
        "keep": "遺忘閘打開且輸入閘關閉時，記憶必須保持 c_prev："
                "以權重 σ(z_f) 逐元素保留 c_prev（遺忘閘為 1 代表記住），並且只讓 z 經由 σ(z_i) 進入，"
                "也就是 g(z) ⊙ σ(z_i)。",
        "output_closed": "輸出閘關閉時（σ(z_o) ≈ 0），輸出必須為 0：a = h(c) ⊙ σ(z_o)，用的是 σ(z_o)，"
                         "不是 1 − σ(z_o)，也不是 z_o 本身。",
        "output_open": "輸出閘打開時，輸出必須是你回傳的新記憶 c 的 h(c)：把 h（不是 g）作用在這個時間步的 c 上，"
                       "不是 c_prev。",
    },
    "lstm.lstm_cell::elementwise": {
        "elementwise": "對整個陣列呼叫的結果，與對每個元素分別呼叫你的記憶單元不同："
                       "每個乘法都必須是逐元素乘積（* 或 np.multiply），不是內積（@、np.dot），"
                       "而且不可以跨記憶單元加總（不要用 np.sum，也不要沿著任何軸化約）。",
    },
    "lstm.handmade_lstm::lecture_examples": {
        "add": "x2 = 1 時必須把 x1 加進記憶：讓 z 讀取 x1（z = x1），"
               "並在 x2 = 1 時同時打開輸入閘與遺忘閘（例如 z_i = 100·x2 − 10，z_f = 100·x2 + 10）。",
        "reset": "x2 = -1 時必須把記憶重設為 0：在 x2 = -1 時關閉遺忘閘（讓它啟動前的值遠小於 0，"
                 "例如 z_f = 100·x2 + 10），這時輸入閘也要保持關閉。",
        "keep": "x2 = 0 時記憶必須保持不變：遺忘閘打開（z_f 遠大於 0）、輸入閘關閉（z_i 遠小於 0）；"
                "它們必須讀取 x2，而不是 x1 或 x3。輸出記憶（x3 = 1）時不可以改變記憶。",
        "output_closed": "x3 = 0 時輸出必須為 0：輸出閘啟動前的值必須遠小於 0，"
                         "例如 z_o = 100·x3 − 10（它必須讀取 x3）。",
        "output_open": "x3 = 1 時必須輸出整個記憶：這時輸出閘啟動前的值必須遠大於 0，例如 z_o = 100·x3 − 10。",
    },
    "lstm.handmade_lstm::follows_rule": {
        "add": "x2 = 1 時沒有把 x1 加進記憶：z 必須是 x1（權重列為 [1, 0, 0]，偏差為 0），而且在 x2 = 1 時，"
               "輸入閘與遺忘閘都必須飽和地打開（啟動前的值大約 ≥ 10）。只在課堂序列（x1 為正）"
               "上有效的權重是不夠的。",
        "reset": "x2 = -1 時沒有把記憶重設為 0：在 x2 = -1 時，遺忘閘必須飽和地關閉（啟動前的值 ≤ -10，"
                 "例如 100·x2 + 10），輸入閘也要關閉。",
        "keep": "在 x2 = 0 的時間步，記憶改變了：這時輸入閘必須飽和地關閉、遺忘閘必須飽和地打開（例如 ±10 以上，"
                "像是 100·x2 − 10 與 100·x2 + 10），而且只讀取 x2（不讀取 x1 或 x3）。像 10·x2 − 1 這樣的閘會漏："
                "σ(−1) ≈ 0.27，不是 0。",
        "output_closed": "在 x3 = 0 的時間步，輸出不是 0：這時輸出閘必須飽和地關閉（啟動前的值 ≤ -10，"
                         "例如 100·x3 − 10），而且只讀取 x3。",
        "output_open": "記憶正確，但在 x3 = 1 的時間步沒有被輸出：這時輸出閘必須飽和地打開（啟動前的值大約 ≥ 10，"
                       "例如 100·x3 − 10）。",
    },
    "lstm.lstm_forward::agrees": {
        "memory": "記憶 cs 出錯了：依這個順序取 v_t = concat(x_t, h_{t-1}, c_{t-1})，窺孔（peephole）"
                  "用的是上一步的 c_{t-1}（不是新的 c_t）；W_z、W_i、W_f、W_o 各自用於自己的閘；從 c0 與 h0 開始；"
                  "每個時間步的 c 都要存一份副本（如果 append 的是同一個之後會被原地更新的陣列，"
                  "最後只會存下最後的狀態）。",
        "output": "記憶正確，但輸出不正確：h_t = h(c_t) ⊙ σ(z_o)，用這個時間步的 c_t 與 h（不是 g）；"
                  "z_o = W_o @ v_t + b_o 讀取的 v_t = concat(x_t, h_{t-1}, c_{t-1}) 與其他閘相同（是上一步的記憶"
                  " c_{t-1}，不是 c_t；h 在 c 之前）；每個 h_t 都要存一份副本。",
    },
    "lstm.lstm_forward::initial_state": {
        "h0": "你的第一個時間步忽略了 h0：有給 h0 時，要把它當作 v_1 = concat(x_1, h0, c0) 中的 h_{t-1}。",
        "c0": "你的第一個時間步忽略了 c0：它既是遺忘閘所保留的舊記憶，也是 v_1 = concat(x_1, h0, c0) 中 c 的部分。",
        "default": "有給 h0 與 c0 時，第一個時間步必須把它們當作 h_{t-1} 與 c_{t-1} 讀入，"
                   "只有在它們是 None 時才用零。",
    },
    "lstm.lstm_forward::causality": {
        "causality": "只改變之後的輸入，某個輸出卻改變了：時間步 t 不可以讀取 xs[t+1:]（例如迴圈方向反了，"
                     "或是輸入的投影沿著錯誤的軸計算）。",
    },
    "lstm.lstm_forward::parameter_sharing": {
        "sharing": "從第一次執行的狀態 (hs[-1], cs[-1]) 接著執行，結果與一次完整的執行不同："
                   "每個時間步都要把 h 與 c 兩者傳下去，從 h0 與 c0 開始，並在每個時間步使用相同的 W_* 與 b_*。",
    },
    "lstm.lstm_forward::order_matters": {
        "order": "把輸入重新排序後，輸出沒有改變：狀態沒有被傳遞下去。"
                 "每個時間步都必須讀取上一步的 h_{t-1} 與 c_{t-1}，並在新的記憶中保留 c_{t-1} ⊙ σ(z_f)。",
    },
    "lstm.lstm_forward::forget_gate": {
        "keep": "遺忘閘打開（b_f = 50）且輸入閘關閉（b_i = -50）時，記憶必須保持 c0："
                "保留 c_{t-1} ⊙ σ(z_f)（1 代表記住，不是 1 − σ），遺忘閘用 W_f/b_f，輸入閘用 W_i/b_i，"
                "並從 c0 開始。",
        "output_closed": "輸出閘關閉（b_o = -50）時，每個 h_t 都必須為 0：h_t = h(c_t) ⊙ σ(z_o)，"
                         "z_o 用 W_o/b_o 計算。",
    },
    "lstm.lstm_forward::cells_permute": {
        "permute": "把記憶單元重新編號後，改變的不只是欄的順序：第 k 個單元必須使用每個 W 與 b 的第 k 列、"
                   "h_{t-1} 與 c_{t-1} 的第 k 個元素，而且不能有任何固定在某個位置的東西（不要用 c_prev[0]，"
                   "也不要有反轉或轉置的區塊）。",
    },
    "lstm.lstm_forward::cell_uses_own_row": {
        "own_row": "記憶單元在不該互相影響的地方互相影響了：每個閘的乘法都是逐元素的（*），"
                   "不是內積（閘向量之間的 @ 或 np.dot），而且不可以跨記憶單元加總。",
    },
    "lstm.lstm_forward::reductions": {
        "simplest": "即使只讀取 x（h 與 c 的欄為零），這一層也不正確：z = W_z @ v + b_z，z_i = W_i @ v + b_i，"
                    "z_f = W_f @ v + b_f，z_o = W_o @ v + b_o，每個矩陣用於自己的閘；"
                    "c_t = g(z) ⊙ σ(z_i) + c_{t-1} ⊙ σ(z_f)，其中 c_0 = c0；h_t = h(c_t) ⊙ σ(z_o)；"
                    "每個狀態都存一份副本。",
        "common": "c 的欄為零時結果不正確，雖然只讀取 x 時是對的：x_t 之後的欄先是 h_{t-1}（接下來的 H 欄），"
                  "再來才是 c_{t-1}（最後的 H 欄）：v_t = concat(x_t, h_{t-1}, c_{t-1})，"
                  "其中 h_{t-1} 是上一步的輸出 h(c) ⊙ σ(z_o)（第一個時間步用 h0）；"
                  "每個閘都使用自己的矩陣（遺忘閘用 W_f，不是 W_i），涵蓋全部 D + 2H 欄。",
    },
    "lstm.stacked_lstm_forward::agrees": {
        "layers": "第 l+1 層讀取第 l 層的輸出序列 hs（不是 xs）；"
                  "每一層的 h 與 c 都從零開始（不要把某一層的狀態帶到下一層）；每一層都使用自己的 params。",
        "returns_cs": "你回傳的是最上層的記憶 cs：請回傳它的輸出 hs。",
    },
    "lstm.stacked_lstm_forward::one_layer": {
        "one_layer": "只有一層時，結果必須等於這一層 lstm_forward 的 hs（不是 cs）：請重複使用 lstm_forward。",
    },
    "lstm.stacked_lstm_forward::layers_compose": {
        "compose": "先單獨執行第 1 層，再用其餘的層處理它的 hs，得到的結果與整個堆疊不同：在堆疊中，"
                   "第 l+1 層必須讀取第 l 層的 hs（不是 xs，也不是 cs），"
                   "並從零的 h 與 c 開始（不是從下方那一層的最後狀態開始）。",
    },
    "lstm.stacked_lstm_forward::causality": {
        "causality": "只改變之後的輸入，某個輸出卻改變了：每一層都沿著時間往前執行，而且每一層都從零開始，"
                     "不是從下方那一層最後的 h 與 c 開始（它們已經看過整個序列）。",
    },
    # gru
    "gru.gru_forward::agrees": {
        "default": "請依照方程式檢查每個時間步：r_t 與 u_t 讀取 concat(x_t, h_{t-1})；"
                   "候選狀態讀取 concat(x_t, r_t ⊙ h_{t-1})（先重設，再乘 W_h）；"
                   "h_t = u_t ⊙ h_{t-1} + (1 − u_t) ⊙ n_t（u = 1 代表保留）；從 h0 開始；每個 h_t 都存一份副本。",
    },
    "gru.gru_forward::update_gate": {
        "keep": "所有更新閘都是 1 時，狀態必須保持 h0：h_t = u_t ⊙ h_{t-1} + (1 − u_t) ⊙ n_t。"
                "你可能用了相反的慣例 h_t = (1 − u_t) ⊙ h_{t-1} + u_t ⊙ n_t（本課程的慣例是 u = 1 代表保留），"
                "或沒有從 h0 開始。",
        "stays": "所有更新閘都是 0 時，狀態必須變成候選狀態 n_t，但你的狀態在每一步都維持 h0："
                 "你是否算出了 h_t，卻沒有把它帶到下一步（下一步仍讀取 h_{t-1} 的舊值），或沒有把它存進 hs？",
        "candidate": "所有更新閘都是 0 時，狀態必須是候選狀態 n_t = tanh(W_h @ concat(x_t, r_t ⊙ h_{t-1}) + b_h)，"
                     "其中 r_t = σ(W_r @ concat(x_t, h_{t-1}) + b_r)："
                     "在乘 W_h 之前先重設 h_{t-1}（不是 r_t ⊙ (W_h @ h_{t-1})），使用 tanh，"
                     "以及 W_h/b_h（不是 W_r 或 W_u）；h_{t-1} 是上一步的狀態，第一個時間步用 h0。",
    },
    "gru.gru_forward::reset_gate": {
        "reset_zero": "所有重設閘都是 0 時，候選狀態必須忽略 h_{t-1}：它讀取 concat(x_t, r_t ⊙ h_{t-1})。"
                      "是不是少了重設閘，或是把它反過來用了（1 − r_t）？r 只乘 h_{t-1}，絕不乘 x_t。",
        "reset_one": "所有重設閘都是 1 時，候選狀態必須讀取完整的 h_{t-1}："
                     "tanh(W_h @ concat(x_t, h_{t-1}) + b_h)。是不是把重設閘反過來用了（1 − r_t），"
                     "或是也把它套用在 x_t 上？h_{t-1} 是上一步的狀態，第一個時間步用 h0。",
        "after_matmul": "重設閘必須在乘上矩陣之前縮放 h_{t-1}：W_h @ concat(x_t, r_t ⊙ h_{t-1})，"
                        "不是 r_t ⊙ (W_h[:, D:] @ h_{t-1})；當各單元的 r 不同時，兩者的結果就不同。",
        "flipped": "所有更新閘都是 0 時，你的狀態維持原樣，而沒有變成候選狀態："
                   "h_t = u_t ⊙ h_{t-1} + (1 − u_t) ⊙ n_t（u = 1 代表保留），"
                   "不是 (1 − u_t) ⊙ h_{t-1} + u_t ⊙ n_t；"
                   "或是你算出了 h_t，卻沒有把它帶到下一步，也沒有存進 hs。",
    },
    "gru.gru_forward::causality": {
        "causality": "只改變之後的輸入，某個狀態卻改變了：時間步 t 不可以讀取 xs[t+1:]（例如迴圈方向反了，"
                     "或是輸入的投影沿著錯誤的軸計算）。",
    },
    "gru.gru_forward::parameter_sharing": {
        "sharing": "從第一次執行的狀態 hs[-1] 接著執行，結果與一次完整的執行不同：請從 h0 開始，"
                   "並在每個時間步使用相同的 W_r、W_u、W_h 與偏差。",
    },
    # gradients
    "gradients.linear_rnn::agrees": {
        "default": "沿著時間跑迴圈：a = w * a + xs[t]，把 a 存成 ys[t]；從 a = 0 開始。",
    },
    "gradients.linear_rnn::impulse": {
        "input_weighted": "每個輸出都等於 w：你把輸入乘上了 w（a_t = w·x_t + a_{t-1}）。權重 w 屬於記憶："
                          "a_t = w·a_{t-1} + x_t。",
        "off_by_one": "你的輸出差了一個 w 的次方：y_1 必須是 x_1 = 1（w^0），y_t = w^(t-1)。"
                      "更新 a_t 之後立刻儲存它，不要多乘（或少乘）一次 w。",
        "initial_state": "y_1 應該是 1，卻是 1 + w：記憶必須從 a_0 = 0 開始，不是 1。",
        "impulse": "對脈衝輸入 1, 0, 0, …，記憶只會一直乘上 w：y_t = w^(t-1)。請檢查更新式 a_t = w·a_{t-1} + x_t，"
                   "以及 ys[t] 儲存的是 a_t；用 float64 計算，w^999 才能保有足夠的有效位數。",
    },
    "gradients.linear_rnn::superposition": {
        "ignores_input": "輸入改變時，你的輸出沒有改變：請由 xs 計算遞迴式，"
                         "不要直接回傳脈衝輸入的公式（例如 w**t）。",
        "initial_state": "全為零的輸入必須得到全為零的輸出：從 a_0 = 0 開始，"
                         "除了 w·a_{t-1} + x_t 之外不要加任何東西。",
        "linear": "這個網路是線性的：沒有啟動函數、沒有常數，也沒有任何不與 xs 成正比的東西。"
                  "a_t = w·a_{t-1} + x_t，且 y_t = a_t。",
    },
    "gradients.linear_rnn_grad::impulse": {
        "off_by_one": "你得到的是 T·w^(T-1)，而不是 (T-1)·w^(T-2)：時間步 t 的項是 δ_t·a_{t-1}，"
                      "用的是該時間步*之前*的記憶（第一個時間步時 a_0 = 0），不是 a_t。",
        "single_step": "你得到的是 w^(T-2)，只有一項：∂y_T/∂w 是所有時間步的總和 Σ_t δ_t·a_{t-1}，其中 δ_T = 1，"
                       "δ_{t-1} = w·δ_t。",
        "impulse": "從最後一個時間步往回走：δ_T = 1，把 δ_t·a_{t-1} 加到梯度上，再令 δ_{t-1} = w·δ_t。對脈衝輸入，"
                   "這會得到 (T-1)·w^(T-2)。",
        "sign": "你的梯度大小正確，但正負號錯了：∂y_T/∂w = +Σ_t δ_t·a_{t-1}，"
                "所以要把各項加起來（grad += δ_t·a_{t-1}）。負號屬於梯度下降的那一步 w ← w − η·grad，"
                "不屬於梯度本身。",
    },
    "gradients.linear_rnn_grad::finite_differences": {
        "closed_form": "不論輸入為何，你都回傳 (T-1)·w^(T-2)：這個公式只對脈衝輸入成立。請沿時間反向傳播："
                       "先執行 linear_rnn，再計算 Σ_t δ_t·a_{t-1}，其中 δ_{t-1} = w·δ_t。",
        "bptt": "請在實際的狀態上沿時間反向傳播：執行 linear_rnn 得到 a_1..a_T，然後從 δ_T = 1 往回走，"
                "δ_{t-1} = w·δ_t，一路加上 δ_t·a_{t-1}（a_0 = 0）。只有 y_T 算數，不是每個 y_t。",
        "sign": "你的梯度大小正確，但正負號錯了：∂y_T/∂w = +Σ_t δ_t·a_{t-1}，"
                "所以要把各項加起來（grad += δ_t·a_{t-1}）。負號屬於梯度下降的那一步 w ← w − η·grad，"
                "不屬於梯度本身。",
    },
    "gradients.linear_rnn_grad::growth": {
        "single_step": "多一個時間步只讓你的梯度乘上 w：它只保留了單一時間步的項。"
                       "梯度要加總所有時間步的項 Σ_t δ_t·a_{t-1}，得到 (T-1)·w^(T-2)。",
        "growth": "對脈衝輸入，梯度必須是 (T-1)·w^(T-2)，所以 grad(T+1)/grad(T) = T/(T-1)·w。"
                  "請檢查對時間步的加總，以及每往回一步，δ 就乘上一次 w。",
    },
    "gradients.elman_backward::finite_differences": {
        "output": "輸出層是線性的：dW_hy = Σ_t dys_t h_tᵀ，db_y = Σ_t dys_t，其中 h_t 是同一個時間步的隱藏狀態。",
        "hidden": "請檢查隱藏層的連鎖律：dh_t = W_hyᵀ dys_t + W_hhᵀ da_{t+1}，"
                  "接著 da_t = dh_t ⊙ (1 − h_t²)（tanh'），db_h = Σ_t da_t，dW_xh = Σ_t da_t x_tᵀ。one_step、"
                  "through_time 與 shared_weight_sum 這幾項檢查可以幫你縮小範圍。",
        "recurrent": "dW_hh = Σ_t da_t h_{t-1}ᵀ：用的是時間步 t *之前*的狀態（第一個時間步用 h0），不是 h_t。",
        "h0": "dh0 = W_hhᵀ da_1：也就是從第一個時間步經由轉置的 W_hh 流出的梯度。",
        "zero_h0": "grads['h0'] 是零：初始記憶也有梯度，dh0 = W_hhᵀ da_1——請回傳你的反向迴圈在處理完第一個時間步"
                   "之後留下的 dh_prev。",
    },
    "gradients.elman_backward::one_step": {
        "tanh_derivative": "經過 tanh 的梯度不正確：da = dh ⊙ (1 − h²)，"
                           "其中 h = tanh(a) 就是隱藏狀態本身（不是 1 − a²，不能漏掉，"
                           "也不是 sigmoid 的 h(1 − h)）。",
        "transpose": "少了或多了一個轉置：dW_xh = da xᵀ 的形狀是 (H, D)（np.outer(da, x)）；"
                     "傳回 h0 的梯度用 W_hh.T @ da，不是 W_hh @ da。",
        "zero_h0": "grads['h0'] 是零：dh0 = W_hhᵀ da，也就是離開第一個時間步的梯度。",
        "local": "每個權重的梯度，是它輸出端的梯度與它在該時間步讀取的輸入的外積：dW_xh += da_t x_tᵀ，"
                 "dW_hh += da_t h_{t-1}ᵀ（上一步的狀態，第一個時間步用 h0）。只有一個時間步時：db_h = da，"
                 "dW_xh = da xᵀ，dW_hh = da h0ᵀ，dh0 = W_hhᵀ da。",
    },
    "gradients.elman_backward::through_time": {
        "truncated": "反向傳播在一個時間步之後就停止了：h_{t-1} 的梯度是來自下一個時間步的 W_hhᵀ da_t，"
                     "再*加上*來自它自己輸出的 W_hyᵀ dys_{t-1}。請在反向迴圈中（從 t = T-1 往下走到 0）"
                     "傳遞 dh_next，並在乘上 (1 − h²) 之前把它加進去。",
        "zero_h0": "grads['h0'] 是零：離開第一個時間步的梯度 W_hhᵀ da_1 就是 dh0。",
        "through_time": "從最後一個時間步往回走：dh_t = W_hyᵀ dys_t + W_hhᵀ da_{t+1}，da_t = dh_t ⊙ (1 − h_t²)。"
                        "如果 one_step 也沒有通過，請先修正局部導數。",
    },
    "gradients.elman_backward::shared_weight_sum": {
        "overwritten": "共用權重的梯度在每個時間步都被覆寫了（在迴圈內寫成 dW = ...），"
                       "所以只剩下一個時間步的貢獻：請從零開始累加，dW += ...。",
        "truncated": "每個時間步的貢獻，都必須包含經由 W_hhᵀ 從後面的時間步傳回來的梯度：在乘上 (1 − h_t²) 之前，"
                     "把 dh_next 加到 W_hyᵀ dys_t 上。",
        "sum": "dW_xh = Σ_t da_t x_tᵀ，dW_hh = Σ_t da_t h_{t-1}ᵀ，db_h = Σ_t da_t：每個時間步都加上自己的項，"
               "其中 da_t 是時間步 t 啟動前的值的完整梯度。如果 one_step 也沒有通過，請先修正它。",
    },
    "gradients.elman_backward::h0_gradient": {
        "zero": "grads['h0'] 是零：初始記憶也有梯度，dh0 = W_hhᵀ da_1——也就是你的反向迴圈在處理完第一個時間步之後"
                "留下的 dh_prev。",
        "transpose": "dh0 = W_hh.T @ da_1，不是 W_hh @ da_1：經由一個權重往回傳時，要用它的轉置。",
        "missing_W_hh": "dh0 就是 da_1 本身：h0 是經由 W_hh 進入第一個時間步的，所以 dh0 = W_hhᵀ da_1。",
        "h0": "dh0 = W_hhᵀ da_1，其中 da_1 是第一個時間步啟動前的值的完整梯度（包含從後面的時間步流回來的一切），"
              "也就是乘上了 (1 − h_1²)。",
    },
    "gradients.elman_backward::vanishing_gradient": {
        "not_vanishing": "你的梯度沿著時間往回時沒有縮小：每往回一步都必須乘上 W_hhᵀ 與 tanh' = 1 − h²，"
                         "dh_{t-1} = W_hhᵀ (dh_t ⊙ (1 − h_t²))（再加上該時間步自己輸出的項），所以當 W_hh 很小時，"
                         "梯度會消失。",
    },
    "gradients.clip_gradients::agrees": {
        "default": "norm = 「所有」陣列合起來的平方和的平方根；如果 norm > max_norm，"
                   "就把每個陣列都乘上 max_norm / norm，否則原封不動地回傳它們。",
        "bad_return": "請回傳由有限值陣列組成的 dict，每個陣列的形狀都與對應的輸入相同。"
                      "NaN 或 inf 通常來自全域範數為 0（梯度全為零）時仍除以它：只在 norm > max_norm 時才縮放。",
    },
    "gradients.clip_gradients::norm_bound": {
        "not_clipped": "梯度的全域範數超過了 max_norm，卻原封不動地被回傳：請把每個陣列都乘上 max_norm / norm。",
        "elementwise": "你把每個值截斷在 ±max_norm（課堂上口頭提到的規則）：這個練習裁剪的是全域範數，"
                       "把每個陣列都乘上 max_norm / norm，其中 norm 涵蓋所有陣列。",
        "per_array": "你用每個陣列各自的範數來裁剪：範數是全域的，sqrt(所有陣列的 Σ g² 的總和)，"
                     "並用同一個倍數 max_norm / norm 縮放每個陣列。",
        "norm": "裁剪之後，全域範數必須是 max_norm：乘上 max_norm / norm（不是 norm / max_norm），"
                "其中 norm 是所有陣列合起來的全域 L2 範數。",
        "too_small": "梯度被縮得太小了：裁剪之後，它們的全域範數必須剛好是 max_norm。請乘上 max_norm / norm，"
                     "其中 norm = sqrt(所有陣列的 Σ g² 的總和)——是平方和的平方根，不是平方和本身。",
        "no_sqrt": "你乘上的是 max_norm / Σ g²：範數是平方和的平方根，norm = sqrt(所有陣列的 Σ g² 的總和)，"
                   "倍數是 max_norm / norm。",
        "bad_return": "請回傳由有限值陣列組成的 dict，每個陣列的形狀都與對應的輸入相同。"
                      "NaN 或 inf 通常來自全域範數為 0（梯度全為零）時仍除以它：只在 norm > max_norm 時才縮放。",
    },
    "gradients.clip_gradients::direction_kept": {
        "per_array": "每個陣列被乘上了各自的倍數：請對所有陣列合起來計算「一個」全域範數，"
                     "並把每個陣列都乘上同一個 max_norm / norm，這樣方向才會保持不變。",
        "elementwise": "你把值截斷在 ±max_norm，這會改變梯度的方向："
                       "請改為把每個陣列都乘上同一個倍數 max_norm / 全域範數。",
        "direction": "這些陣列並不是都乘上同一個共同倍數：請對所有陣列計算全域範數，再把每個陣列（的每個元素）"
                     "都乘上同一個 max_norm / norm。",
        "scale": "裁剪只會縮小：倍數是 max_norm / norm（小於 1），而且只在全域範數超過 max_norm 時才套用；"
                 "否則陣列會原封不動地回傳。",
        "bad_return": "請回傳由有限值陣列組成的 dict，每個陣列的形狀都與對應的輸入相同。"
                      "NaN 或 inf 通常來自全域範數為 0（梯度全為零）時仍除以它：只在 norm > max_norm 時才縮放。",
    },
    "gradients.clip_gradients::below_threshold": {
        "always": "即使全域範數低於 max_norm，你也把它縮放到 max_norm：只在 norm > max_norm 時才縮放。",
        "unchanged": "全域範數不超過 max_norm 時，請原封不動地回傳每個陣列（相同的值、相同的形狀）。",
        "bad_return": "請回傳由有限值陣列組成的 dict，每個陣列的形狀都與對應的輸入相同。"
                      "NaN 或 inf 通常來自全域範數為 0（梯度全為零）時仍除以它：只在 norm > max_norm 時才縮放。",
    },
    "gradients.lstm_backward::finite_differences": {
        "output_gate": "dz_o = dh_t ⊙ tanh(c_t) ⊙ o(1 − o)，其中 dh_t = dhs_t + 從時間步 t+1 經由 h_t 傳回的梯度。",
        "cell_input": "dz = dc ⊙ i ⊙ (1 − tanh²(z))，"
                      "其中 dc_t = dc_{t+1} ⊙ f_{t+1} + dh_t ⊙ o_t ⊙ (1 − tanh²(c_t))（再加上窺孔欄的 W_cᵀ dz）。",
        "input_gate": "dz_i = dc ⊙ tanh(z) ⊙ i(1 − i)，"
                      "其中 dc_t = dc_{t+1} ⊙ f_{t+1} + dh_t ⊙ o_t ⊙ (1 − tanh²(c_t))（再加上窺孔欄的 W_cᵀ dz）。",
        "forget_gate": "dz_f = dc ⊙ c_{t-1} ⊙ f(1 − f)：遺忘閘乘的是上一步的記憶；"
                       "dc_t = dc_{t+1} ⊙ f_{t+1} + dh_t ⊙ o_t ⊙ (1 − tanh²(c_t))（再加上窺孔欄的 W_cᵀ dz）。",
        "h0": "dh0 是第一個時間步 dv_1 = Σ_k W_kᵀ dz_k 中 h 的部分（每個 W_k 的第 D..D+H 欄）。",
        "c0": "dc0 = dc_1 ⊙ f_1 + dv_1 中 c 的部分（每個 W_k 從第 D+H.. 欄起的窺孔欄）："
              "記憶的梯度經由遺忘閘往回流。",
        "zero": "初始狀態的梯度是零：請回傳你的反向迴圈在處理完第一個時間步之後留下的 dh_prev 與"
                " dc_prev（dc0 = dc_1 ⊙ f_1 + 窺孔的部分，dh0 = dv_1 中 h 的部分）。",
    },
    "gradients.lstm_backward::one_step": {
        "output_gate": "dz_o = dh ⊙ tanh(c) ⊙ o(1 − o)：輸出閘看到的是「新」記憶 c 的 tanh。",
        "cell_input": "先算 dc = dh ⊙ o ⊙ (1 − tanh²(c))（別忘了 tanh'），再算 dz = dc ⊙ i ⊙ (1 − tanh²(z))。",
        "input_gate": "dz_i = dc ⊙ tanh(z) ⊙ i(1 − i)，其中 dc = dh ⊙ o ⊙ (1 − tanh²(c))。",
        "forget_gate": "dz_f = dc ⊙ c_prev ⊙ f(1 − f)：上一步的記憶（這裡是 c0）乘上 sigmoid 的導數。",
        "h0": "dh0 是 dv = Σ_k W_kᵀ dz_k 中 h 的部分（第 D..D+H 欄）：v = concat(x, h_prev, c_prev)。",
        "c0": "dc0 = dc ⊙ f + dv = Σ_k W_kᵀ dz_k 中 c 的部分（第 D+H.. 欄）。",
        "zero": "h0 與 c0 的梯度是零：dh0 是 dv 中 h 的部分，dc0 = dc ⊙ f + dv 中 c 的部分。",
    },
    "gradients.lstm_backward::through_time": {
        "truncated": "沒有任何梯度傳到第一個時間步：請沿著時間往回傳遞兩個梯度，"
                     "dh_{t-1} = dhs_{t-1} + (dv_t 中 h 的部分) 與 dc_{t-1} = dc_t ⊙ f_t + (dv_t 中 c 的部分)，"
                     "並把它們回傳為 grads['h0'] 與 grads['c0']。",
        "through_time": "把兩個梯度都往回傳：dh_{t-1} = dhs_{t-1} + (Σ_k W_kᵀ dz_k 中 h 的部分)，"
                        "以及 dc_t = dc_{t+1} ⊙ f_{t+1} + dh_t ⊙ o_t ⊙ (1 − tanh²(c_t))（再加上窺孔欄的"
                        " W_cᵀ dz）。如果 one_step 也沒有通過，請先修正局部導數。",
    },
    "gradients.lstm_backward::h0_c0_gradient": {
        "zero": "h0 與 c0 的梯度是零：請回傳你的反向迴圈在處理完第一個時間步之後留下的 dh_prev 與 dc_prev。",
        "h0": "dh0 是第一個時間步 Σ_k W_kᵀ dz_k 中 h 的部分（第 D..D+H 欄）。",
        "c0": "dc0 = dc_1 ⊙ f_1 + 第一個時間步 Σ_k W_kᵀ dz_k 中 c 的部分（第 D+H.. 欄），"
              "其中 dc_1 已經包含從後面的時間步流回來的一切。",
    },
    "gradients.lstm_backward::memory_keeps_gradient": {
        "dropped": "經過 200 個時間步之後，dL/dc0 消失了：記憶的梯度必須經由遺忘閘往回流，"
                   "dc_{t-1} = dc_t ⊙ f_t（再加上窺孔的部分）——不是經由 i 或 o，也不能被丟掉。",
        "memory": "當 f = 1 且 i = 0 時，dL/dc0 = dL/dc_T = dhs_T ⊙ o_T ⊙ (1 − tanh²(c_T))："
                  "請檢查記憶的梯度 dc = dc_next + dh ⊙ o ⊙ (1 − tanh²(c))，以及 dc_{t-1} = dc ⊙ f。",
    },
    # slot_filling
    "slot_filling.slot_tagger::tags_grammar": {
        "shapes": "請回傳 {W_xh (H, 16), W_hh (H, H), b_h (H,), W_hy (4, H), b_y (4,)}，各處使用相同的 H，"
                  "1 <= H <= 64，且全部為有限值：詞彙表中的每個詞在 W_xh 中各有一欄，每個標籤（other、dest、"
                  "depart、time）在 W_hy 中各有一列。",
        "partial": "有些句子標錯了。請在文法產生的句子上執行 elman_forward(one_hot(words), params)，"
                   "並把 argmax(y_t) 與標籤比較；必須有一個隱藏單元記住動詞（arrive/leave），撐過「I want to」、"
                   "「in」，直到城市出現。",
    },
    "slot_filling.slot_tagger::context": {
        "shapes": "請回傳 {W_xh (H, 16), W_hh (H, H), b_h (H,), W_hy (4, H), b_y (4,)}，各處使用相同的 H，"
                  "1 <= H <= 64，且全部為有限值。",
        "memory": "城市在「arrive」之後與在「leave」之後得到相同的標籤：你的網路沒有記住動詞。"
                  "給某個隱藏單元一個遞迴權重（W_hh），讓它在 arrive 之後鎖定在 +1、在 leave 之後鎖定在 −1，"
                  "並讓 dest/depart 的輸出讀取它。",
        "context": "城市的標籤有隨著動詞改變，但方向錯了：在「arrive」之後城市是 dest（W_hy 中索引為 1 的列），"
                   "在「leave」之後是 depart（索引為 2 的列）。",
        "cities": "有些城市在兩個動詞之後都標對了，有些則沒有：記憶有作用，但每個城市（Taipei、Tokyo、Paris）"
                  "都需要相同的權重——它自己在 W_xh 中的那一欄，要連到 dest 與 depart 單元。",
    },
}
"""Per check id, hints keyed by what went wrong."""
