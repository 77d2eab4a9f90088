-- wrk script of scripts/bench-accept.sh: POST an RCS v1 TEXT with two
-- suggestions and an SMS failover (the body of BenchmarkSendRCSv1).
wrk.method = "POST"
wrk.path = "/ott/rcs/1/message"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "App " .. (os.getenv("BENCH_API_KEY") or "")
wrk.body = '{"from":"JioCXAgent","to":"919876543210",' ..
  '"content":{"type":"TEXT","text":"Your order #42 has shipped and arrives on Friday.","suggestions":[' ..
  '{"type":"REPLY","text":"Thanks","postbackData":"thanks"},' ..
  '{"type":"OPEN_URL","text":"Track","postbackData":"track","url":"https://shop.example.com/track/42"}]},' ..
  '"smsFailover":{"from":"JIOCXS","text":"Your order #42 has shipped: https://shop.example.com/track/42",' ..
  '"regional":{"indiaDlt":{"principalEntityId":"1101456789012345678","contentTemplateId":"1107161234567890123"}}},' ..
  '"callbackData":"order-42"}'

