
select date, instrument_name, count(*) as rows_per_combination
from "warehouse"."staging"."stg_deribit__book_summaries"
group by date, instrument_name
having count(*) > 1
